package dev.music.query.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures of a read on a replica are the replica's, by the SQL states PostgreSQL and its driver give. */
class ReplicaFailureTest {

    @Test
    void aCutConnectionOrAServerGoingAwayIsTheServerLost() {
        for (String state : new String[] {"08006", "08003", "08001", "57P01", "57P02", "57P03"}) {
            assertThat(ReplicaFailure.of(new DataAccessResourceFailureException("read", sql(state))))
                    .as(state)
                    .hasValueSatisfying(
                            failure -> assertThat(failure.serverLost()).isTrue());
        }
    }

    @Test
    void aConflictWithRecoveryLeavesTheServerUpButTheReadIsTheReplicas() {
        for (String state : new String[] {"40001", "40P01"}) {
            assertThat(ReplicaFailure.of(new UncategorizedSQLException("read", "select", sql(state))))
                    .as(state)
                    .hasValueSatisfying(failure -> {
                        assertThat(failure.serverLost()).isFalse();
                        assertThat(failure.message()).isEqualTo("failed with " + state);
                    });
        }
    }

    @Test
    void aTransactionThatCouldNotBeginOrEndIsJudgedByItsCause() {
        assertThat(ReplicaFailure.of(new CannotCreateTransactionException("begin", sql("08006"))))
                .isPresent();
        assertThat(ReplicaFailure.of(new TransactionSystemException("rollback", sql("57P01"))))
                .isPresent();
        // The read failed for a conflict, then its rollback on the closed connection (no state).
        TransactionSystemException rollback =
                new TransactionSystemException("rollback", new SQLException("Connection is closed"));
        rollback.initApplicationException(new UncategorizedSQLException("read", "select", sql("40001")));
        assertThat(ReplicaFailure.of(rollback))
                .hasValueSatisfying(failure -> assertThat(failure.serverLost()).isFalse());
    }

    @Test
    void aTimeoutABadStatementOrAFailureWithoutAStateIsTheReadsOwn() {
        assertThat(ReplicaFailure.of(new QueryTimeoutException("read", sql("57014"))))
                .isEmpty();
        assertThat(ReplicaFailure.of(new UncategorizedSQLException("read", "select", sql("42P01"))))
                .isEmpty();
        assertThat(ReplicaFailure.of(new IllegalStateException("no SQL at all")))
                .isEmpty();
        // The first state found decides, not one further down the causes.
        SQLException timeout = sql("57014");
        timeout.initCause(sql("08006"));
        assertThat(ReplicaFailure.of(new QueryTimeoutException("read", timeout)))
                .isEmpty();
    }

    private static SQLException sql(String state) {
        return new SQLException("failed with " + state, state);
    }
}
