package dev.music.query;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the catalog's reads run (the list, a song, the export, ranked search, statistics, a user's
 * ratings): the primary database, or, with {@code music.replica.url}, its streaming replicas while
 * they keep up. Writes, projectors, rebuilds and the token store always use the primary.
 */
public interface ReadRouter {

    /** Statements of the catalog's reads. */
    JdbcTemplate jdbc();

    /** Read-only transactions of the catalog's reads (a snapshot across several statements). */
    TransactionTemplate transactions();

    /**
     * Makes this thread's reads, until the answer is closed, see every transaction the primary has
     * committed so far: on a replica once it has replayed them (waiting at most {@code maxWait}),
     * else on the primary.
     */
    CaughtUp catchUp(Duration maxWait);

    /** The reads of one request that must see what the primary has committed, until closed. */
    interface CaughtUp extends AutoCloseable {

        /** Reads on the primary, which holds every write. */
        CaughtUp PRIMARY = new CaughtUp() {
            @Override
            public boolean onReplica() {
                return false;
            }

            @Override
            public void close() {}
        };

        /**
         * Whether these reads still go to the replica found caught up: false when the primary
         * serves them, from the start or since that replica failed.
         */
        boolean onReplica();

        /** Ends the catch-up: this thread's reads go wherever they are routed again. */
        @Override
        void close();
    }

    /**
     * Runs one read of a request. Should the replica under it fail (the server gone or restarting,
     * the connection cut, the statement cancelled for the replica's recovery), the read runs once
     * more, on the primary: a read can be repeated without harm, and no answer fails because a
     * replica died while it was being read.
     */
    default <T> T read(Supplier<T> read) {
        return read(read, () -> true);
    }

    /** As {@link #read(Supplier)}, repeated only if {@code repeatable} still holds (a stream that has sent nothing yet). */
    <T> T read(Supplier<T> read, BooleanSupplier repeatable);

    /** The replicas and their lag, as last measured; none without replicas. */
    default List<ReplicaStatus> replicas() {
        return List.of();
    }

    /** The primary alone. */
    static ReadRouter primary(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new Primary(jdbc, transactions);
    }

    /** Every read on the primary, which holds every write: nothing to catch up with. */
    record Primary(JdbcTemplate jdbc, TransactionTemplate transactions) implements ReadRouter {

        @Override
        public CaughtUp catchUp(Duration maxWait) {
            return CaughtUp.PRIMARY;
        }

        @Override
        public <T> T read(Supplier<T> read, BooleanSupplier repeatable) {
            return read.get();
        }
    }
}
