package dev.music.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

    @Test
    void failuresOfTheDatabaseItselfAreUnavailability() {
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException(
                        "no connection", new SQLTransientConnectionException("pool timed out"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(
                        new SQLException("canceling statement due to statement timeout", "57014")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("could not obtain lock", "55P03")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("too many clients", "53300")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(
                        new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
                .as("a write on a standby: the primary is elsewhere")
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .as("a commit cut off: its outcome unknown")
                .isTrue();
    }

    @Test
    void faultsOfTheRequestOrTheCodeAreNot() {
        assertThat(DatabaseUnavailable.isCause(
                        new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("a bug")))
                .isFalse();
        RuntimeException cycle = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", cycle);
        cycle.initCause(inner);
        assertThat(DatabaseUnavailable.isCause(cycle))
                .as("a cause cycle ends the walk")
                .isFalse();
    }
}
