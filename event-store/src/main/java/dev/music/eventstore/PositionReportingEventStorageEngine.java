package dev.music.eventstore;

import static org.axonframework.common.jdbc.JdbcUtils.closeQuietly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store, with fewer round trips in every command:
 * <ul>
 * <li>the aggregates of commands sent together are read in one query
 *     ({@link AggregatesLoadedTogether});</li>
 * <li>no snapshot read: nothing here takes snapshots (a {@code Rating} has a handful of events,
 *     fewer than a snapshot would save), and loading an aggregate would first query the always
 *     empty snapshot table;</li>
 * <li>the append returns the global positions the database gave its events and reports them to
 *     the unit of work that appends them ({@link AppendedPositions}), so that the consistency
 *     token a write answers need not be asked for afterwards.</li>
 * </ul>
 * And processors' tokens shed their burnt gaps (see {@link ExpiredGaps}) as they read on.
 */
public final class PositionReportingEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final EventSchema schema;

    private final ExpiredGaps expiredGaps;

    public PositionReportingEventStorageEngine(
            Builder builder, TransactionManager transactionManager, EventSchema schema, Duration gapTimeout) {
        super(builder.transactionManager(transactionManager).schema(schema).dataType(byte[].class));
        this.transactionManager = transactionManager;
        this.schema = schema;
        this.expiredGaps = new ExpiredGaps(gapTimeout, System::nanoTime);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return super.fetchTrackedEvents(expiredGaps.clean(lastToken, this::withEvents), batchSize);
    }

    /** Which of these global indexes hold an event. */
    private Set<Long> withEvents(SortedSet<Long> positions) {
        return transactionManager.fetchInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement = connection.prepareStatement("select " + schema.globalIndexColumn()
                    + " from " + schema.domainEventTable() + " where " + schema.globalIndexColumn() + " = any (?)")) {
                statement.setArray(1, connection.createArrayOf("bigint", positions.toArray()));
                Set<Long> found = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getLong(1));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new EventStoreException("cannot look up the events at " + positions, e);
            } finally {
                closeQuietly(connection);
            }
        });
    }

    /** An aggregate loaded with others of its unit of work: its first events come from one query for all of them. */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        if (firstSequenceNumber == 0 && CurrentUnitOfWork.isStarted()) {
            List<DomainEventData<?>> together = AggregatesLoadedTogether.firstEventsOf(
                    CurrentUnitOfWork.get(), aggregateIdentifier, ids -> firstEventsOf(ids, batchSize));
            if (together != null) {
                return together;
            }
        }
        return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    /** The events of these aggregates with a sequence number below {@code batchSize}: the first read of each. */
    private Map<String, List<DomainEventData<?>>> firstEventsOf(Collection<String> aggregateIds, int batchSize) {
        return transactionManager.fetchInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement = connection.prepareStatement("select " + trackedEventFields() + " from "
                    + schema.domainEventTable() + " where " + schema.aggregateIdentifierColumn() + " = any (?) and "
                    + schema.sequenceNumberColumn() + " < ? order by " + schema.aggregateIdentifierColumn() + ", "
                    + schema.sequenceNumberColumn())) {
                statement.setArray(1, connection.createArrayOf("varchar", aggregateIds.toArray()));
                statement.setLong(2, batchSize);
                Map<String, List<DomainEventData<?>>> events = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        DomainEventData<?> event = getDomainEventData(rows);
                        events.computeIfAbsent(event.getAggregateIdentifier(), id -> new ArrayList<>())
                                .add(event);
                    }
                }
                return events;
            } catch (SQLException e) {
                throw new EventStoreException("cannot read the events of " + aggregateIds, e);
            } finally {
                closeQuietly(connection);
            }
        });
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    /** As Axon appends (one batch in the unit of work's transaction), reading back each row's position. */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement = appendStatement(connection, events, serializer)) {
                statement.executeBatch();
                try (ResultSet appended = statement.getGeneratedKeys()) {
                    while (appended.next() && CurrentUnitOfWork.isStarted()) {
                        AppendedPositions.report(CurrentUnitOfWork.get(), appended.getString(2), appended.getLong(1));
                    }
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                closeQuietly(connection);
            }
        });
    }

    /** Axon's INSERT of the events, with the columns it binds, plus RETURNING of each row's position and aggregate. */
    private PreparedStatement appendStatement(
            Connection connection, List<? extends EventMessage<?>> events, Serializer serializer) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(
                "insert into " + schema.domainEventTable() + " (" + schema.domainEventFields()
                        + ") values (?,?,?,?,?,?,?,?,?)",
                new String[] {schema.globalIndexColumn(), schema.aggregateIdentifierColumn()});
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domainEvent
                    ? domainEvent
                    : new GenericDomainEventMessage<>(
                            null, message.getIdentifier(), 0L, message, message::getTimestamp);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            writeTimestamp(statement, 5, event.getTimestamp());
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setBytes(8, payload.getData());
            statement.setBytes(9, metaData.getData());
            statement.addBatch();
        }
        return statement;
    }
}
