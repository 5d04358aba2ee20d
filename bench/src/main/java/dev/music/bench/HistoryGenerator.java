package dev.music.bench;

import dev.music.events.AudioFeatures;
import dev.music.eventstore.BinaryCopy;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a large event history straight into the service's PostgreSQL event store, as if the
 * service had imported a generated catalog and then taken ratings for months: the data the
 * projection-rebuild and search benchmarks need, in minutes instead of hours of HTTP.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.HistoryGenerator \
 *     --database 'jdbc:postgresql://127.0.0.1:5432/music?user=postgres' \
 *     --songs 1000000 --ratings 10000000 --users 100000 --seed 42</pre>
 *
 * The database must have the service's schema and an empty event store (start the service once
 * with {@code --music.catalog.import-on-empty=false}, stop it, run this, start it again: its
 * projector then builds the read model from the events). Everything is one transaction: a
 * failed run leaves the database as it was.
 *
 * <p>The events are byte for byte what the service writes: {@code SongAddedToCatalog} per song
 * as {@code CatalogImporter} appends it (with the {@code known_songs} row and the song id
 * sequence moved past the last id), then {@code RatingSubmitted} per rating as the Rating
 * aggregate applies it (see {@link RatingHistory}), all JSON as Axon's Jackson serializer
 * writes it. The catalog is {@link CatalogGenerator}'s for the same seed: {@code --songs 100
 * --seed 1} is {@code playlist.json}. Accounts are not created: users 1..U exist only in the
 * events, and accounts registered later (ids 1, 2, …) take over their ratings.
 */
public final class HistoryGenerator {

    private static final String USAGE = "usage: HistoryGenerator --database JDBC_URL [--songs N] [--ratings M]"
            + " [--users U] [--seed S] [--from 2024-01-01T00:00:00Z] [--days 365]";

    /** The tables and sequence written, from the command side's migrations, and the read model's. */
    private static final List<String> SCHEMA =
            List.of("domain_event_entry", "known_songs", "song_id_seq", "songs", "user_ratings", "token_entry");

    private static final String EVENT_COLUMNS = "aggregate_identifier, sequence_number, type, event_identifier,"
            + " meta_data, payload, payload_revision, payload_type, time_stamp";
    private static final String SONG_AGGREGATE = "Song";
    private static final String RATING_AGGREGATE = "Rating";
    private static final String SONG_ADDED = "dev.music.events.SongAddedToCatalog";
    private static final String RATING_SUBMITTED = "dev.music.events.RatingSubmitted";
    private static final String REVISION = "1";

    /** The JSON property of each feature column of {@link CatalogGenerator#FEATURES}: AudioFeatures' components. */
    private static final String[] FEATURE_PROPERTIES = Arrays.stream(AudioFeatures.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toArray(String[]::new);

    /** Axon's DateTimeUtils.formatInstant: always milliseconds, unlike Instant.toString. */
    private static final DateTimeFormatter AXON_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    /** An import appends about 7,500 songs a second (README, load-music of 1,000,000 songs). */
    private static final long NANOS_PER_IMPORTED_SONG = 133_333;

    private HistoryGenerator() {}

    record Options(String database, int songs, long ratings, int users, long seed, Instant from, int days) {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() == null ? USAGE : e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(new HistoryGenerator().run(options));
        } catch (SQLException e) {
            // Nothing was committed: the whole history is one transaction.
            System.err.println("HistoryGenerator failed, nothing written: " + e.getMessage());
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        String database = null;
        int songs = 1_000_000;
        long ratings = 10_000_000;
        int users = 100_000;
        long seed = 42;
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        int days = 365;
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i + 1];
            try {
                switch (option) {
                    case "--database" -> database = value;
                    case "--songs" -> songs = Integer.parseInt(value);
                    case "--ratings" -> ratings = Long.parseLong(value);
                    case "--users" -> users = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--from" -> from = Instant.parse(value);
                    case "--days" -> days = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": cannot read " + value);
            }
        }
        if (database == null) {
            throw new IllegalArgumentException("--database is required");
        }
        if (songs < 1 || users < 1 || ratings < 0 || days < 1) {
            throw new IllegalArgumentException("--songs, --users and --days must be at least 1, --ratings at least 0");
        }
        return new Options(database, songs, ratings, users, seed, from, days);
    }

    private int run(Options options) throws SQLException, IOException {
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(options.database())) {
            db.setAutoCommit(false);
            String refusal = refusal(db);
            if (refusal != null) {
                System.err.println("HistoryGenerator: " + refusal);
                return 2;
            }
            CatalogGenerator.Columns catalog = CatalogGenerator.generate(options.songs(), options.seed());
            System.out.printf("catalog of %,d songs generated in %.1f s%n", options.songs(), seconds(started));
            writeKnownSongs(db, catalog);
            execute(db, "select setval('song_id_seq', " + options.songs() + ")");

            // COPY FREEZE writes the rows frozen and hinted, so the first scans (a projection
            // rebuild) do not rewrite the whole table; it needs the table truncated in this
            // transaction. The table is empty and locked (see refusal), so nothing is lost.
            execute(db, "truncate domain_event_entry");
            List<String> rebuild = dropSecondaryIndexes(db);
            BinaryCopy events = new BinaryCopy(
                    db, "copy domain_event_entry (" + EVENT_COLUMNS + ") from stdin (format binary, freeze)");
            Progress progress = new Progress(options.songs() + options.ratings());
            // Separate streams per purpose, so that the catalog stays CatalogGenerator's for this seed.
            SplittableRandom ids = new SplittableRandom(RatingHistory.mix(options.seed() + 1));
            writeCatalogEvents(events, catalog, options, ids, progress);
            catalog = null; // the ratings need only the number of songs: let the collector have the rest
            RatingHistory history = new RatingHistory(
                    RatingHistory.mix(options.seed() + 2),
                    options.songs(),
                    options.users(),
                    options.ratings(),
                    ratingsStart(options),
                    Duration.ofDays(options.days()));
            long reRatings = writeRatings(events, history, ids, progress);
            long rows = events.finish();

            long indexing = System.nanoTime();
            execute(db, "set local maintenance_work_mem = '512MB'");
            for (String sql : rebuild) {
                execute(db, sql);
            }
            System.out.printf("event store indexes rebuilt in %.1f s%n", seconds(indexing));
            db.commit();
            System.out.printf("committed %,d events in %.1f s%n", rows, seconds(started));
            db.setAutoCommit(true);
            execute(db, "analyze domain_event_entry, known_songs");

            double total = seconds(started);
            System.out.printf(
                    "HistoryGenerator seed %d: %,d songs, %,d ratings by %,d users (%,d re-ratings, %.1f%%;"
                            + " %,d (song, user) pairs) from %s over %d days: %,d events in %.1f s, %,.0f events/s%n",
                    options.seed(),
                    options.songs(),
                    options.ratings(),
                    options.users(),
                    reRatings,
                    options.ratings() == 0 ? 0.0 : 100.0 * reRatings / options.ratings(),
                    history.pairsRated(),
                    ratingsStart(options).truncatedTo(ChronoUnit.SECONDS),
                    options.days(),
                    rows,
                    total,
                    rows / total);
            return 0;
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Why this database cannot take a generated history, or null when it can. */
    private static String refusal(Connection db) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Statement statement = db.createStatement()) {
            for (String name : SCHEMA) {
                try (ResultSet found = statement.executeQuery("select to_regclass('" + name + "') is not null")) {
                    found.next();
                    if (!found.getBoolean(1)) {
                        missing.add(name);
                    }
                }
            }
            if (!missing.isEmpty()) {
                return "the database lacks the service's schema (no " + String.join(", ", missing)
                        + "): start the service against it once with --music.catalog.import-on-empty=false,"
                        + " stop it, and run this again";
            }
            // Held until commit: no one appends between the check and the truncate that COPY FREEZE needs.
            statement.execute("lock table domain_event_entry, known_songs");
            long events = count(statement, "domain_event_entry");
            long known = count(statement, "known_songs");
            if (events > 0 || known > 0) {
                return String.format(
                        "the event store is not empty (%,d events, %,d known songs): a history is"
                                + " generated into a fresh database only",
                        events, known);
            }
        }
        return null;
    }

    /**
     * Drops the event table's unique constraints and indexes other than the primary key (in
     * this transaction, so a failure brings them back) and answers the statements that make them
     * again. Maintaining them row by row, at random places in indexes far larger than the
     * buffer cache, roughly halves the speed of the load; building them once at the end by sorting is
     * quick, and still proves every (aggregate, sequence) and event id unique.
     */
    private static List<String> dropSecondaryIndexes(Connection db) throws SQLException {
        List<String> drop = new ArrayList<>();
        List<String> rebuild = new ArrayList<>();
        try (Statement statement = db.createStatement()) {
            try (ResultSet constraints = statement.executeQuery("select conname, pg_get_constraintdef(oid)"
                    + " from pg_constraint where conrelid = 'domain_event_entry'::regclass and contype = 'u'")) {
                while (constraints.next()) {
                    drop.add("alter table domain_event_entry drop constraint " + constraints.getString(1));
                    rebuild.add("alter table domain_event_entry add constraint " + constraints.getString(1) + " "
                            + constraints.getString(2));
                }
            }
            try (ResultSet indexes = statement.executeQuery("select indexrelid::regclass, pg_get_indexdef(indexrelid)"
                    + " from pg_index where indrelid = 'domain_event_entry'::regclass"
                    + " and not exists (select 1 from pg_constraint where conindid = indexrelid)")) {
                while (indexes.next()) {
                    drop.add("drop index " + indexes.getString(1));
                    rebuild.add(indexes.getString(2));
                }
            }
        }
        for (String sql : drop) {
            execute(db, sql);
        }
        return rebuild;
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet result = statement.executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void writeKnownSongs(Connection db, CatalogGenerator.Columns catalog)
            throws SQLException, IOException {
        BinaryCopy known =
                new BinaryCopy(db, "copy known_songs (spotify_id, song_id, details_hash) from stdin (format binary)");
        for (int i = 0; i < catalog.ids().length; i++) {
            known.row(3);
            known.text(catalog.ids()[i]);
            known.bigint(songId(i));
            known.bytes(detailsHash(catalog, i));
        }
        known.finish();
    }

    private static void writeCatalogEvents(
            BinaryCopy events,
            CatalogGenerator.Columns catalog,
            Options options,
            SplittableRandom ids,
            Progress progress)
            throws IOException {
        // One import: one correlation id, with the keys the importer's callers give (in the order
        // Axon's MetaData, a HashMap, serializes them).
        byte[] metaData = ("{\"correlationId\":\"" + uuid(ids) + "\",\"source\":"
                        + jsonString("HistoryGenerator --songs " + options.songs() + " --seed " + options.seed())
                        + ",\"user\":\"cli:history-generator\"}")
                .getBytes(StandardCharsets.UTF_8);
        long start = nanos(options.from());
        for (int i = 0; i < catalog.ids().length; i++) {
            events.row(9);
            events.text(catalog.ids()[i]);
            events.bigint(0);
            events.text(SONG_AGGREGATE);
            events.text(uuid(ids));
            events.bytes(metaData);
            events.bytes(songAddedPayload(catalog, i).getBytes(StandardCharsets.UTF_8));
            events.text(REVISION);
            events.text(SONG_ADDED);
            events.text(AXON_TIME.format(instant(start + i * NANOS_PER_IMPORTED_SONG)));
            progress.tick("catalog");
        }
    }

    private static long writeRatings(BinaryCopy events, RatingHistory history, SplittableRandom ids, Progress progress)
            throws IOException {
        long reRatings = 0;
        long lastStamp = Long.MIN_VALUE;
        StringBuilder json = new StringBuilder(256);
        while (history.hasNext()) {
            RatingHistory.Rating rating = history.next();
            if (rating.isReRating()) {
                reRatings++;
            }
            // The event is stamped when applied, a few milliseconds after the command took its time;
            // kept in step with the global index, as one writer's appends are.
            lastStamp = Math.max(lastStamp, nanos(rating.at()) + 3_000_000 + ids.nextLong(27_000_000));
            String requestId = uuid(ids);
            events.row(9);
            events.text("rating-" + rating.songId() + "-" + rating.userId());
            events.bigint(rating.sequence());
            events.text(RATING_AGGREGATE);
            events.text(uuid(ids));
            events.bytes(ratingMetaData(json, requestId, rating.userId()));
            events.bytes(ratingPayload(json, rating));
            events.text(REVISION);
            events.text(RATING_SUBMITTED);
            events.text(AXON_TIME.format(instant(lastStamp)));
            progress.tick("ratings");
        }
        return reRatings;
    }

    /** As RatingController's audit metadata, no client ids: request and correlation id are one fresh UUID. */
    static byte[] ratingMetaData(StringBuilder json, String requestId, long userId) {
        json.setLength(0);
        json.append("{\"correlationId\":\"")
                .append(requestId)
                .append("\",\"userId\":")
                .append(userId)
                .append(",\"requestId\":\"")
                .append(requestId)
                .append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ratingPayload(StringBuilder json, RatingHistory.Rating rating) {
        json.setLength(0);
        json.append("{\"songId\":")
                .append(rating.songId())
                .append(",\"userId\":")
                .append(rating.userId())
                .append(",\"stars\":")
                .append(rating.stars())
                .append(",\"previousStars\":")
                .append(rating.isReRating() ? Integer.toString(rating.previousStars()) : "null")
                .append(",\"at\":\"")
                .append(rating.at())
                .append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String songAddedPayload(CatalogGenerator.Columns catalog, int row) {
        StringBuilder json = new StringBuilder(400);
        json.append("{\"songId\":")
                .append(songId(row))
                .append(",\"spotifyId\":\"")
                .append(catalog.ids()[row])
                .append("\",\"title\":")
                .append(jsonString(catalog.titles()[row]))
                .append(",\"features\":{");
        for (int f = 0; f < FEATURE_PROPERTIES.length; f++) {
            json.append(f == 0 ? "\"" : ",\"")
                    .append(FEATURE_PROPERTIES[f])
                    .append("\":")
                    .append(number(catalog, f, row));
        }
        return json.append("}}").toString();
    }

    /** SongDetailsHash: SHA-256 of the title and each feature's number, NUL-separated. */
    static byte[] detailsHash(CatalogGenerator.Columns catalog, int row) {
        StringBuilder text = new StringBuilder(200).append(catalog.titles()[row]);
        for (int f = 0; f < FEATURE_PROPERTIES.length; f++) {
            text.append('\u0000').append(number(catalog, f, row));
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The catalog's song ids: a fresh catalog numbers its rows from 1 in file order. */
    static long songId(int row) {
        return row + 1L;
    }

    /** A feature as Jackson and Number.toString write it: whole-number features are ints and longs. */
    private static String number(CatalogGenerator.Columns catalog, int feature, int row) {
        double value = catalog.features()[feature][row];
        return CatalogGenerator.whole(feature) ? Long.toString((long) value) : Double.toString(value);
    }

    /** A JSON string as Jackson writes it; the service refuses titles with control characters. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in " + text);
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** A random (version 4) UUID from the seeded stream, as Axon's IdentifierFactory makes them. */
    private static String uuid(SplittableRandom random) {
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(3L << 62) | (2L << 62);
        return new UUID(high, low).toString();
    }

    /** The ratings start a minute after the catalog import ends. */
    private static Instant ratingsStart(Options options) {
        return instant(nanos(options.from()) + options.songs() * NANOS_PER_IMPORTED_SONG + 60_000_000_000L);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A line every few seconds with how far and how fast. */
    private static final class Progress {

        private static final long EVERY = 5_000_000_000L;

        private final long total;
        private final long started = System.nanoTime();
        private long done;
        private long lastReport = started;
        private long doneAtLastReport;

        Progress(long total) {
            this.total = total;
        }

        void tick(String phase) {
            done++;
            if ((done & 0xFFF) == 0) {
                long now = System.nanoTime();
                if (now - lastReport >= EVERY) {
                    System.out.printf(
                            "%-7s %,13d of %,d events (%3.0f%%)  %,8.0f events/s now, %,8.0f overall%n",
                            phase,
                            done,
                            total,
                            100.0 * done / total,
                            (done - doneAtLastReport) / ((now - lastReport) / 1e9),
                            done / ((now - started) / 1e9));
                    lastReport = now;
                    doneAtLastReport = done;
                }
            }
        }
    }
}
