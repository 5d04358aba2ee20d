package dev.music.query.admission;

import dev.music.query.ReadRouter;
import dev.music.query.ReplicaStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog's reads, each admitted by {@link ReadAdmission} before it runs wherever
 * {@code reads} runs it. A streamed export ({@link #read(Supplier, BooleanSupplier)}) is not: it
 * lasts as long as its client reads, and would hold a turn of the searches all that time.
 */
public record AdmittedReads(ReadRouter reads, ReadAdmission admission) implements ReadRouter {

    @Override
    public JdbcTemplate jdbc() {
        return reads.jdbc();
    }

    @Override
    public TransactionTemplate transactions() {
        return reads.transactions();
    }

    @Override
    public CaughtUp catchUp(Duration maxWait) {
        return reads.catchUp(maxWait);
    }

    @Override
    public <T> T read(Supplier<T> read) {
        return admission.admit(() -> reads.read(read));
    }

    @Override
    public <T> T read(Supplier<T> read, BooleanSupplier repeatable) {
        return reads.read(read, repeatable);
    }

    @Override
    public List<ReplicaStatus> replicas() {
        return reads.replicas();
    }
}
