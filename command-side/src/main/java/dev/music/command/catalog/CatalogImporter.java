package dev.music.command.catalog;

import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.eventstore.EventCopy;
import dev.music.eventstore.OrderedEventIds;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a catalog file: one {@link SongAddedToCatalog} per new song, one
 * {@link SongDetailsCorrected} per changed row, nothing for unchanged rows. The whole file is
 * validated before anything is written, so an invalid file imports nothing.
 *
 * <p>Events are appended by COPY in chunks of 10,000, each in a short transaction (a fraction
 * of a second) together with the known-songs lookup. Short transactions keep the event store's
 * global index nearly gap-free for the streaming projectors; a failure part-way leaves whole
 * chunks, and running the import again completes it (rows already imported count as unchanged).
 */
@Service
public class CatalogImporter {

    static final String AGGREGATE_TYPE = "Song";
    static final int CHUNK_SIZE = 10_000;
    private static final int MAX_REJECTIONS_LISTED = 20;

    private final CatalogFileReader reader = new CatalogFileReader();
    private final KnownSongs knownSongs;
    private final EventStorageEngine eventStorage;
    private final EventCopy eventCopy;
    private final TransactionTemplate transactions;

    private final Clock clock;
    private final OrderedEventIds eventIds;

    public CatalogImporter(
            KnownSongs knownSongs,
            EventStorageEngine eventStorage,
            EventCopy eventCopy,
            TransactionTemplate transactions,
            Clock clock) {
        this.knownSongs = knownSongs;
        this.eventStorage = eventStorage;
        this.eventCopy = eventCopy;
        this.transactions = transactions;
        this.clock = clock;
        this.eventIds = new OrderedEventIds(clock);
    }

    /** Reads, validates and imports; {@code progress} hears the number of rows done so far. */
    public ImportSummary importCatalog(InputStream file, Map<String, ?> auditMetaData, IntConsumer progress)
            throws IOException {
        return importCatalog(reader.read(file), auditMetaData, progress);
    }

    public ImportSummary importCatalog(CatalogFile file, Map<String, ?> auditMetaData, IntConsumer progress) {
        MetaData metaData = MetaData.from(auditMetaData);
        Tally tally = new Tally();
        for (int from = 0; from < file.size(); from += CHUNK_SIZE) {
            List<CatalogRow> chunk = new ArrayList<>(CHUNK_SIZE);
            for (int n = from; n < Math.min(file.size(), from + CHUNK_SIZE); n++) {
                chunk.add(file.row(n));
            }
            transactions.executeWithoutResult(status -> importChunk(chunk, metaData, tally));
            progress.accept(Math.min(file.size(), from + CHUNK_SIZE));
        }
        return new ImportSummary(
                file.size(),
                tally.added,
                tally.unchanged,
                tally.corrected,
                tally.rejected,
                List.copyOf(tally.rejections));
    }

    public boolean catalogIsEmpty() {
        return knownSongs.isEmpty();
    }

    private void importChunk(List<CatalogRow> chunk, MetaData metaData, Tally tally) {
        knownSongs.lockForCatalogChange();
        Map<String, KnownSong> known = knownSongs.findBySpotifyIds(
                chunk.stream().map(r -> r.spotifyId().value()).toList());
        List<CatalogRow> added = new ArrayList<>();
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<CatalogRow> corrected = new ArrayList<>();
        for (CatalogRow row : chunk) {
            KnownSong song = known.get(row.spotifyId().value());
            if (song == null) {
                added.add(row);
            } else if (song.removed()) {
                tally.reject("row " + row.rowIndex() + ": song " + row.spotifyId() + " was removed from the catalog"
                        + " and is not added again by an import");
            } else if (Arrays.equals(song.detailsHash(), SongDetailsHash.of(row.title(), row.features()))) {
                tally.unchanged++;
            } else {
                long sequence = eventStorage
                                .lastSequenceNumberFor(row.spotifyId().value())
                                .orElse(-1L)
                        + 1;
                events.add(event(
                        row,
                        sequence,
                        new SongDetailsCorrected(song.songId(), row.spotifyId(), row.title(), row.features()),
                        metaData));
                corrected.add(row);
            }
        }
        long[] ids = knownSongs.nextSongIds(added.size());
        List<KnownSong> newSongs = new ArrayList<>(added.size());
        for (int i = 0; i < added.size(); i++) {
            CatalogRow row = added.get(i);
            events.add(event(
                    row, 0, new SongAddedToCatalog(ids[i], row.spotifyId(), row.title(), row.features()), metaData));
            newSongs.add(new KnownSong(
                    row.spotifyId().value(), ids[i], SongDetailsHash.of(row.title(), row.features()), false));
        }
        eventCopy.append(events);
        knownSongs.insertAll(newSongs);
        corrected.forEach(row -> knownSongs.updateDetails(row.spotifyId().value(), row.title(), row.features()));
        tally.added += added.size();
        tally.corrected += corrected.size();
    }

    private DomainEventMessage<?> event(CatalogRow row, long sequence, Object payload, MetaData metaData) {
        return new GenericDomainEventMessage<>(
                AGGREGATE_TYPE, row.spotifyId().value(), sequence, payload, metaData, eventIds.next(), clock.instant());
    }

    private static final class Tally {
        int added;
        int unchanged;
        int corrected;
        int rejected;
        final List<String> rejections = new ArrayList<>();

        void reject(String reason) {
            rejected++;
            if (rejections.size() < MAX_REJECTIONS_LISTED) {
                rejections.add(reason);
            }
        }
    }
}
