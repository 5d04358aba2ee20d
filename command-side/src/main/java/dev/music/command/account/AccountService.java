package dev.music.command.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Signs users up and checks their passwords. */
@Service
public class AccountService {

    /** Hashed once, so that an unknown username costs as much time as a wrong password. */
    private final String dummyHash;

    private final Accounts accounts;
    private final PasswordEncoder passwords;

    public AccountService(Accounts accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("not a password of anyone");
    }

    /** Creates an account, or answers the problems per field (username, password). */
    public Result register(String username, String password, Role role) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<String> usernameProblems = AccountRules.usernameProblems(username);
        if (!usernameProblems.isEmpty()) {
            problems.put("username", usernameProblems);
        }
        List<String> passwordProblems = AccountRules.passwordProblems(password, username);
        if (!passwordProblems.isEmpty()) {
            problems.put("password", passwordProblems);
        }
        if (problems.isEmpty()) {
            Optional<Account> created = accounts.insert(username, passwords.encode(password), role);
            if (created.isPresent()) {
                return new Result(created.get(), Map.of());
            }
            problems.put("username", List.of("A user with that username already exists."));
        }
        return new Result(null, problems);
    }

    /** The account whose username and password these are. */
    public Optional<Account> authenticate(String username, String password) {
        Optional<Account> account = accounts.findByUsername(username);
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > AccountRules.MAX_PASSWORD_BYTES) {
            return Optional.empty(); // no account can have it
        }
        if (account.isEmpty()) {
            passwords.matches(password, dummyHash);
            return Optional.empty();
        }
        return passwords.matches(password, account.get().passwordHash()) ? account : Optional.empty();
    }

    public Optional<Account> find(long id) {
        return accounts.findById(id);
    }

    public boolean delete(String username) {
        return accounts.delete(username);
    }

    /** The new account, or the problems that prevented it. */
    public record Result(Account account, Map<String, List<String>> problems) {}
}
