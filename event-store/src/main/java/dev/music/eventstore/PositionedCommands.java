package dev.music.eventstore;

import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends commands and answers where each one's aggregate's newest event stands in the event
 * store's global order: the consistency token a write answers, which a reader can wait for. The
 * commands run inside a root unit of work of their own, in one transaction (the caller's, when
 * there is one); the event store reports the positions it gives the events as it appends them at
 * that unit's commit, so no query follows.
 */
@Component
public class PositionedCommands {

    /** A command, the aggregate whose position it answers, and its metadata. */
    public record Command(String aggregateId, Object payload, MetaData metaData) {}

    /** One command of several sent together failed as it was handled: nothing was appended. */
    public static final class CommandFailed extends RuntimeException {

        private final int index;

        CommandFailed(int index, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
        }

        /** The failed command's place in the list sent. */
        public int index() {
            return index;
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private final CommandGateway commands;
    private final TransactionManager transactionManager;
    private final JdbcTemplate jdbc;

    public PositionedCommands(CommandGateway commands, TransactionManager transactionManager, JdbcTemplate jdbc) {
        this.commands = commands;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
    }

    /**
     * Sends the command, waits until its events are appended (committed, unless the caller's own
     * transaction commits them), and returns the position of the newest event of
     * {@code aggregateId}: the one appended now, or when the command appended none for it, the
     * one the event store holds.
     *
     * @throws IllegalStateException inside another unit of work, which would append the events only
     *     when it commits, after this returns
     */
    public long send(String aggregateId, Object command, MetaData metaData) {
        try {
            return sendTogether(List.of(new Command(aggregateId, command, metaData)))[0];
        } catch (CommandFailed e) {
            throw e.getCause();
        }
    }

    /**
     * Sends the commands one after another in one unit of work, and appends all their events in
     * one transaction, or none: the positions, in the order of the commands. Their aggregates'
     * events are read together ({@link AggregatesLoadedTogether}).
     *
     * @throws CommandFailed when handling one of them failed (nothing is appended)
     * @throws IllegalStateException inside another unit of work
     * @throws RuntimeException the append's or the commit's failure (nothing is appended)
     */
    public long[] sendTogether(List<Command> batch) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a positioned command needs a unit of work of its own");
        }
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        AppendedPositions appended = AppendedPositions.keptFor(unitOfWork);
        if (batch.size() > 1) {
            AggregatesLoadedTogether.declare(
                    unitOfWork, batch.stream().map(Command::aggregateId).toList());
        }
        try {
            unitOfWork.attachTransaction(transactionManager);
            for (int i = 0; i < batch.size(); i++) {
                try {
                    commands.sendAndWait(batch.get(i).payload(), batch.get(i).metaData());
                } catch (RuntimeException e) {
                    throw new CommandFailed(i, e);
                }
            }
            unitOfWork.commit(); // appends the commands' events, which the event store reports
        } catch (RuntimeException | Error e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
        long[] positions = new long[batch.size()];
        for (int i = 0; i < positions.length; i++) {
            String aggregateId = batch.get(i).aggregateId();
            positions[i] = appended.newestOf(aggregateId).orElseGet(() -> newestStored(aggregateId));
        }
        return positions;
    }

    private long newestStored(String aggregateId) {
        return jdbc
                .query(
                        "select global_index from " + EventStoreTables.EVENTS + " where aggregate_identifier = ?"
                                + " order by sequence_number desc limit 1",
                        (rs, n) -> rs.getLong(1),
                        aggregateId)
                .stream()
                .findFirst()
                .orElse(0L);
    }
}
