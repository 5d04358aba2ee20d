package dev.music.command.eventstore;

import dev.music.events.EventStoreTables;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a command and answers where its aggregate's newest event stands in the event store's
 * global order: the consistency token a write answers, which a reader can wait for. The command
 * runs inside a root unit of work of its own, in a transaction (the caller's, when there is one);
 * the event store reports the positions it gives the events as it appends them at that unit's
 * commit, so no query follows.
 */
@Component
public class PositionedCommands {

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
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a positioned command needs a unit of work of its own");
        }
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        AppendedPositions appended = AppendedPositions.keptFor(unitOfWork);
        try {
            unitOfWork.attachTransaction(transactionManager);
            commands.sendAndWait(command, metaData);
            unitOfWork.commit(); // appends the command's events, which the event store reports
        } catch (RuntimeException | Error e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
        return appended.newestOf(aggregateId).orElseGet(() -> newestStored(aggregateId));
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
