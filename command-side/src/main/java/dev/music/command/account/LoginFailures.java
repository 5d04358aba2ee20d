package dev.music.command.account;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code login_failures} table: per (kind, key), the times of the failed sign-ins still within
 * the window. Each attempt takes a place in its budget with one statement, under the row's lock, so
 * concurrent attempts on any node never take more places than the budget holds.
 */
@Repository
public class LoginFailures {

    /**
     * Keeps the times still within the window and adds this attempt's when fewer than the budget
     * remain; answers the times kept and the statement's time. The database's clock decides, the
     * same for every node.
     */
    private static final String TAKE = """
            insert into login_failures as f (kind, key, failures) values (?, ?, array[now()])
            on conflict (kind, key) do update set failures = (
                select coalesce(array_agg(t order by t), '{}')
                       || case when count(*) < ? then array[now()] else '{}' end
                from unnest(f.failures) t
                where t > now() - make_interval(secs => ?))
            returning failures[cardinality(failures)] = now() as taken, now() as at,
                      ceil(extract(epoch from failures[1] + make_interval(secs => ?) - now())) as wait
            """;

    private final JdbcTemplate jdbc;

    public LoginFailures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes a place in the budget of {@code kind}/{@code key}: the attempt may go on, or must wait. */
    Place take(String kind, String key, int budget, Duration window) {
        double seconds = window.toNanos() / 1e9;
        if (budget <= 0) {
            return new Place(false, null, Math.max(1, (long) Math.ceil(seconds)));
        }
        return jdbc.queryForObject(
                TAKE,
                (rs, n) -> new Place(
                        rs.getBoolean("taken"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        Math.max(1, rs.getLong("wait"))),
                kind,
                key,
                budget,
                seconds,
                seconds);
    }

    /** Gives back the place an attempt took (it did not fail, or was refused by another budget). */
    void giveBack(String kind, String key, Instant at) {
        jdbc.update(
                "update login_failures set failures = array_remove(failures, ?) where kind = ? and key = ?",
                OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC),
                kind,
                key);
    }

    /** Forgets every failure of this key (a success clears a username's). */
    void clear(String kind, String key) {
        jdbc.update("delete from login_failures where kind = ? and key = ?", kind, key);
    }

    /** Drops the rows whose every failure has left the window. */
    int purge(Duration window) {
        return jdbc.update(
                "delete from login_failures where coalesce(failures[cardinality(failures)] <= now()"
                        + " - make_interval(secs => ?), true)",
                window.toNanos() / 1e9);
    }

    /**
     * An attempt's place: taken (at the database's time {@code at}), or refused until the oldest
     * failure leaves the window, {@code waitSeconds} from now.
     */
    record Place(boolean taken, Instant at, long waitSeconds) {}
}
