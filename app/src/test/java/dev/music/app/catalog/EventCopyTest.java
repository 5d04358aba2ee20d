package dev.music.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.music.app.support.IntegrationTest;
import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SpotifyId;
import dev.music.eventstore.EventCopy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/** The importer's COPY writes the very rows Axon's storage engine writes, and Axon reads them back. */
class EventCopyTest extends IntegrationTest {

    private static final String COLUMNS =
            "sequence_number, type, meta_data, payload, payload_revision, payload_type, time_stamp";

    @Autowired
    private EventCopy eventCopy;

    @Autowired
    private EventStorageEngine eventStorage;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void aCopiedEventIsTheRowAxonWritesAndReadsBack() {
        double[] values = new double[AudioFeature.ALL.size()];
        java.util.Arrays.setAll(values, i -> AudioFeature.ALL.get(i).integral() ? i : i + 0.25);
        SongDetailsCorrected payload = new SongDetailsCorrected(
                9_001,
                new SpotifyId("0aZyXwVuTsRqPoNmLkJiHg"),
                "Ça va — \"quoted\" \\ title",
                AudioFeatures.of(values));
        MetaData metaData = MetaData.from(Map.of("user", "cli:operator", "correlationId", "c-1", "source", "x.json"));
        Instant at = Instant.parse("2026-11-24T10:15:30.123Z");

        transactions.executeWithoutResult(status -> eventStorage.appendEvents(event("by-axon", payload, metaData, at)));
        transactions.executeWithoutResult(status -> eventCopy.append(List.of(event("by-copy", payload, metaData, at))));

        assertThat(row("by-copy")).isEqualTo(row("by-axon"));
        DomainEventMessage<?> read = eventStorage.readEvents("by-copy").next();
        assertThat(read.getPayload()).isEqualTo(payload);
        assertThat(read.getMetaData()).isEqualTo(metaData);
        assertThat(read.getTimestamp()).isEqualTo(at);
    }

    @Test
    void aCopyThatRepeatsAnAggregatesSequenceNumberIsRefusedWhole() {
        double[] values = new double[AudioFeature.ALL.size()];
        SongDetailsCorrected payload = new SongDetailsCorrected(
                9_002, new SpotifyId("1aZyXwVuTsRqPoNmLkJiHg"), "Twice", AudioFeatures.of(values));
        transactions.executeWithoutResult(
                status -> eventCopy.append(List.of(event("twice", payload, MetaData.emptyInstance(), Instant.now()))));

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> eventCopy.append(List.of(
                        event("other", payload, MetaData.emptyInstance(), Instant.now()),
                        event("twice", payload, MetaData.emptyInstance(), Instant.now())))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier in ('twice', 'other')",
                        Long.class))
                .isEqualTo(1);
    }

    private static GenericDomainEventMessage<SongDetailsCorrected> event(
            String aggregate, SongDetailsCorrected payload, MetaData metaData, Instant at) {
        return new GenericDomainEventMessage<>(
                "Song",
                aggregate,
                0,
                payload,
                metaData,
                java.util.UUID.randomUUID().toString(),
                at);
    }

    private Map<String, Object> row(String aggregate) {
        Map<String, Object> row = jdbc.queryForMap(
                "select " + COLUMNS + " from domain_event_entry where aggregate_identifier = ?", aggregate);
        // byte arrays compare by identity in a map: compare their text
        row.replaceAll((column, value) ->
                value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value);
        return row;
    }
}
