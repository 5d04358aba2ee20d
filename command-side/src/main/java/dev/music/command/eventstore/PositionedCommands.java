package dev.music.command.eventstore;

import dev.music.events.EventStoreTables;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a command and answers where its aggregate's newest event stands in the event store's
 * global order: the consistency token a write answers, which a reader can wait for. The command
 * runs inside a unit of work of its own, with a transaction; the event store reports the
 * positions it gives the events as it appends them at that unit's commit, so no query follows.
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
     * Sends the command, waits until its events are committed, and returns the position of the
     * newest event of {@code aggregateId}: the one appended now, or when the command appended none
     * for it, the one the event store holds.
     */
    public long send(String aggregateId, Object command, MetaData metaData) {
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
