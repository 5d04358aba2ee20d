package dev.music.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends domain events to the event store by COPY, in the caller's transaction: the rows
 * Axon's JDBC storage engine writes (same serializer, same columns and formats), streamed in one
 * statement for bulk writes such as a catalog import. The unique (aggregate, sequence) key still
 * refuses a conflicting event, failing the transaction.
 */
@Component
public class EventCopy {

    private static final String COPY =
            "copy " + EventStoreTables.EVENTS + " (aggregate_identifier, sequence_number, type,"
                    + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
                    + " from stdin (format binary)";

    private final JdbcTemplate jdbc;
    private final Serializer eventSerializer;

    public EventCopy(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
    }

    public void append(List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                BinaryCopy copy = new BinaryCopy(connection, COPY);
                // The events of one import share one MetaData: serialized once.
                MetaData lastMetaData = null;
                byte[] metaDataBytes = null;
                for (DomainEventMessage<?> event : events) {
                    SerializedObject<byte[]> payload = event.serializePayload(eventSerializer, byte[].class);
                    if (event.getMetaData() != lastMetaData) {
                        lastMetaData = event.getMetaData();
                        metaDataBytes = event.serializeMetaData(eventSerializer, byte[].class)
                                .getData();
                    }
                    copy.row(9);
                    copy.text(event.getAggregateIdentifier());
                    copy.bigint(event.getSequenceNumber());
                    copy.text(event.getType());
                    copy.text(event.getIdentifier());
                    copy.bytes(metaDataBytes);
                    copy.bytes(payload.getData());
                    copy.text(payload.getType().getRevision());
                    copy.text(payload.getType().getName());
                    copy.text(DateTimeUtils.formatInstant(event.getTimestamp()));
                }
                return copy.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
