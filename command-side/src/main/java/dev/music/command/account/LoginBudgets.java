package dev.music.command.account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

/**
 * Signs in within the failure budgets of {@link LoginProperties}: per client address, then per
 * username (lowercased; unknown usernames count like known ones). An attempt past either budget is
 * refused before its password is checked, so a refusal costs no bcrypt. A success clears the
 * username's failures and is not counted against the address.
 */
@Service
public class LoginBudgets {

    static final String USER = "user";
    static final String ADDRESS = "address";
    /** Rows whose failures all left the window are dropped once every so many attempts on a node. */
    private static final long PURGE_EVERY = 1000;

    private final AccountService accounts;
    private final LoginFailures failures;
    private final LoginProperties properties;
    private final Counter failed;
    private final Counter throttled;
    private final AtomicLong attempts = new AtomicLong();

    public LoginBudgets(
            AccountService accounts, LoginFailures failures, LoginProperties properties, MeterRegistry meters) {
        this.accounts = accounts;
        this.failures = failures;
        this.properties = properties;
        this.failed = Counter.builder("music.logins.failed")
                .description("sign-ins refused for wrong credentials")
                .register(meters);
        this.throttled = Counter.builder("music.logins.throttled")
                .description("sign-ins refused with 429, past a failure budget, without a password check")
                .register(meters);
    }

    /** The account, none (wrong credentials), or the seconds to wait (a budget is spent). */
    public Outcome signIn(String username, String password, String address) {
        if (attempts.incrementAndGet() % PURGE_EVERY == 0) {
            failures.purge(properties.window());
        }
        String user = username.toLowerCase(Locale.ROOT);
        LoginFailures.Place byAddress =
                failures.take(ADDRESS, address, properties.addressFailures(), properties.window());
        if (!byAddress.taken()) {
            return refused(byAddress.waitSeconds());
        }
        LoginFailures.Place byUser = failures.take(USER, user, properties.userFailures(), properties.window());
        if (!byUser.taken()) {
            failures.giveBack(ADDRESS, address, byAddress.at());
            return refused(byUser.waitSeconds());
        }
        Optional<Account> account = accounts.authenticate(username, password);
        if (account.isEmpty()) {
            failed.increment();
            return new Outcome(Optional.empty(), 0);
        }
        failures.clear(USER, user);
        failures.giveBack(ADDRESS, address, byAddress.at());
        return new Outcome(account, 0);
    }

    private Outcome refused(long waitSeconds) {
        throttled.increment();
        return new Outcome(Optional.empty(), waitSeconds);
    }

    /** A sign-in's outcome: the account, or none; {@code retryAfterSeconds} above 0 when it was throttled. */
    public record Outcome(Optional<Account> account, long retryAfterSeconds) {

        public boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }
}
