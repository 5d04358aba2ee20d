package dev.music.command.account;

import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code accounts} table. */
@Repository
public class Accounts {

    private static final RowMapper<Account> ACCOUNT = (rs, n) -> new Account(
            rs.getLong("id"),
            rs.getString("username"),
            rs.getString("password_hash"),
            Role.valueOf(rs.getString("role")));

    private final JdbcTemplate jdbc;

    public Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findByUsername(String username) {
        return jdbc.query("select * from accounts where username = ?", ACCOUNT, username).stream()
                .findFirst();
    }

    public Optional<Account> findById(long id) {
        return jdbc.query("select * from accounts where id = ?", ACCOUNT, id).stream()
                .findFirst();
    }

    /** Inserts the account; empty when the username is taken. */
    Optional<Account> insert(String username, String passwordHash, Role role) {
        try {
            Long id = jdbc.queryForObject(
                    "insert into accounts (username, password_hash, role) values (?, ?, ?)" + " returning id",
                    Long.class,
                    username,
                    passwordHash,
                    role.name());
            return Optional.of(new Account(id, username, passwordHash, role));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    boolean delete(String username) {
        return jdbc.update("delete from accounts where username = ?", username) > 0;
    }
}
