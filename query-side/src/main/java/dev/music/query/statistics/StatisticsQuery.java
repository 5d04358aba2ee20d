package dev.music.query.statistics;

import dev.music.query.ReadRouter;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.CatalogState;
import dev.music.query.song.CatalogStateCache;
import dev.music.query.song.NoServerPrepareJdbcTemplate;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongSearchSql;
import dev.music.query.song.SongSearchSql.Where;
import dev.music.query.song.UnfinishedCounts;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The charts' figures over every song a filter keeps, computed in PostgreSQL: the ranges of
 * duration and tempo in one statement (from their ordering indexes when nothing is filtered), then
 * every histogram and the scatter's sample in one pass over the matches (a hash aggregate). Both run in one
 * snapshot with the catalog's state they are remembered with ({@link CatalogStateCache}), so a
 * catalog that does not change is charted once. A computation that a request's statement timeout
 * cuts short is finished in the background, as a count is ({@link UnfinishedCounts}), and the
 * next request finds it done.
 */
@Repository
public class StatisticsQuery {

    static final int DURATION_BINS = 24;
    static final int TEMPO_BINS = 20;
    static final Bins ACOUSTICNESS = new Bins(0, 0.1, 10);

    /** The sample: songs whose id hashes below a bound, as uniform as the hash, and stable. */
    private static final String HASH = "(hashint8(s.id)::bigint + 2147483648)";

    private static final double HASH_RANGE = 4_294_967_296.0;

    /**
     * PostgreSQL cannot tell how few combinations of bins there are, and estimates a group per
     * few songs; with its default 4 MB it would sort the matches to count them (2.0 s at a million
     * songs, against 0.85 s hashed). The real table holds a few thousand groups.
     */
    private static final String WORK_MEM = "64MB";

    private record Key(SongFilter filter, int sample) {}

    private record Ranges(long count, double minDuration, double maxDuration, double minTempo, double maxTempo) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final CatalogStateCache<CatalogStatistics> memory;
    private final UnfinishedCounts unfinished = new UnfinishedCounts();

    @Autowired
    public StatisticsQuery(ReadRouter reads, SearchProperties properties) {
        this(reads.jdbc(), reads.transactions(), properties);
    }

    public StatisticsQuery(JdbcTemplate jdbc, TransactionTemplate transactions, SearchProperties properties) {
        this.jdbc = new NoServerPrepareJdbcTemplate(jdbc);
        this.snapshot = new TransactionTemplate(transactions.getTransactionManager());
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.memory = new CatalogStateCache<>(Math.min(properties.countCacheSize(), 1_000));
    }

    /** The statistics of the songs the filter keeps, with a sample of at most {@code sample} of them. */
    public CatalogStatistics of(SongFilter filter, int sample) {
        Key key = new Key(filter, sample);
        boolean catalogAlone = CatalogCounts.ofCatalogAlone(filter);
        try {
            return snapshot.execute(status -> {
                CatalogState state = catalogAlone ? CatalogState.readCatalog(jdbc) : CatalogState.read(jdbc);
                Optional<CatalogStatistics> known = memory.get(key, state);
                if (known.isPresent()) {
                    return known.get();
                }
                CatalogStatistics computed = compute(filter, sample, state);
                memory.put(key, catalogAlone, state, computed);
                return computed;
            });
        } catch (QueryTimeoutException e) {
            // Statistics of the catalog alone stay good once made: finish them for the requests to come.
            if (catalogAlone) {
                unfinished.finish(key, () -> of(filter, sample));
            }
            throw e;
        }
    }

    private CatalogStatistics compute(SongFilter filter, int sample, CatalogState state) {
        Where where = SongSearchSql.where(filter);
        Ranges ranges = ranges(filter, where, state);
        if (ranges.count() == 0) {
            return new CatalogStatistics(
                    0,
                    new CatalogStatistics.Scatter("danceability", "energy", List.of()),
                    List.of(),
                    List.of(),
                    List.of());
        }
        Bins duration = Bins.covering(ranges.minDuration(), ranges.maxDuration(), DURATION_BINS, Bins.DURATION_STEPS);
        Bins tempo = Bins.covering(
                ranges.minTempo(),
                ranges.maxTempo(),
                TEMPO_BINS,
                Bins.decimalSteps(ranges.maxTempo() - ranges.minTempo()));
        long bound = (long) Math.ceil(Math.min(1.0, 1.5 * sample / ranges.count()) * HASH_RANGE);
        List<Object> args = new ArrayList<>(List.of(bound, bound, bound, bound, bound));
        args.addAll(List.of(duration.parameters()));
        args.add(ACOUSTICNESS.count());
        args.addAll(List.of(ACOUSTICNESS.parameters()));
        args.add(tempo.count());
        args.addAll(List.of(tempo.parameters()));
        args.addAll(where.args());
        long[] counts = {0};
        long[][] bins = {new long[duration.count()], new long[ACOUSTICNESS.count()], new long[tempo.count()]};
        List<Sampled> sampled = new ArrayList<>();
        // At most one row per combination of bins (a few thousand), from which each histogram sums its own.
        jdbc.execute("set local work_mem = '" + WORK_MEM + "'");
        jdbc.query(
                passSql(where),
                row -> {
                    int key = row.getInt("k");
                    long n = row.getLong("n");
                    bins[2][key % tempo.count()] += n;
                    bins[1][key / tempo.count() % ACOUSTICNESS.count()] += n;
                    bins[0][key / tempo.count() / ACOUSTICNESS.count()] += n;
                    counts[0] += n;
                    sampled.addAll(Sampled.read(row));
                },
                args.toArray());
        List<CatalogStatistics.Point> points = sampled.stream()
                .sorted(Comparator.comparingLong(Sampled::hash)
                        .thenComparingLong(s -> s.point().id()))
                .limit(sample)
                .map(Sampled::point)
                .toList();
        return new CatalogStatistics(
                counts[0],
                new CatalogStatistics.Scatter("danceability", "energy", points),
                bins(duration, bins[0]),
                bins(ACOUSTICNESS, bins[1]),
                bins(tempo, bins[2]));
    }

    /**
     * How many songs match and their ranges of duration and tempo. Without a filter the count is
     * the catalog's own and each bound one step of its ordering index; with one, a single pass.
     */
    private Ranges ranges(SongFilter filter, Where where, CatalogState state) {
        boolean all = filter.isEmpty();
        String sql = all
                ? "select ?::bigint as n, (select min(duration_ms) from songs) as min_duration,"
                        + " (select max(duration_ms) from songs) as max_duration,"
                        + " (select min(tempo) from songs) as min_tempo, (select max(tempo) from songs) as max_tempo"
                : "select count(*) as n, min(s.duration_ms) as min_duration, max(s.duration_ms) as max_duration,"
                        + " min(s.tempo) as min_tempo, max(s.tempo) as max_tempo from songs s" + where.sql();
        return jdbc.queryForObject(
                sql,
                (row, n) -> new Ranges(
                        row.getLong("n"),
                        row.getDouble("min_duration"),
                        row.getDouble("max_duration"),
                        row.getDouble("min_tempo"),
                        row.getDouble("max_tempo")),
                all ? new Object[] {state.songs()} : where.with());
    }

    /**
     * One pass: each song's bins of the three histograms as one number, the songs counted per
     * number, and the songs whose id hashes below a bound collected. Parameters: the bound, five
     * times; the bins of duration; the number of acousticness bins, then their bins; the number of
     * tempo bins, then their bins; the filter's.
     */
    private static String passSql(Where where) {
        return "select m.k, count(*) as n, array_agg(m.h) filter (where m.h < ?) as hashes,"
                + " array_agg(m.id) filter (where m.h < ?) as ids, array_agg(m.title) filter (where m.h < ?) as titles,"
                + " array_agg(m.danceability) filter (where m.h < ?) as xs,"
                + " array_agg(m.energy) filter (where m.h < ?) as ys"
                + " from (select (" + Bins.binOf("s.duration_ms") + " * ? + " + Bins.binOf("s.acousticness")
                + ") * ? + "
                + Bins.binOf("s.tempo") + " as k, s.id, s.title, s.danceability, s.energy, " + HASH + " as h"
                + " from songs s" + where.sql() + ") m"
                + " group by m.k";
    }

    private static List<CatalogStatistics.Bin> bins(Bins bins, long[] counts) {
        List<CatalogStatistics.Bin> list = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            list.add(new CatalogStatistics.Bin(round(bins.from(i)), round(bins.from(i + 1)), counts[i]));
        }
        return list;
    }

    /** Bin edges without binary noise (0.30000000000000004). */
    private static double round(double value) {
        return Math.round(value * 1e9) / 1e9;
    }

    private record Sampled(long hash, CatalogStatistics.Point point) {

        static List<Sampled> read(ResultSet row) throws SQLException {
            Object[] hashes = array(row.getArray("hashes"));
            Object[] ids = array(row.getArray("ids"));
            Object[] titles = array(row.getArray("titles"));
            Object[] xs = array(row.getArray("xs"));
            Object[] ys = array(row.getArray("ys"));
            List<Sampled> sampled = new ArrayList<>();
            for (int i = 0; i < hashes.length; i++) {
                sampled.add(new Sampled(
                        ((Number) hashes[i]).longValue(),
                        new CatalogStatistics.Point(
                                ((Number) ids[i]).longValue(),
                                (String) titles[i],
                                ((Number) xs[i]).doubleValue(),
                                ((Number) ys[i]).doubleValue())));
            }
            return sampled;
        }

        private static Object[] array(Array array) throws SQLException {
            return array == null ? new Object[0] : (Object[]) array.getArray();
        }
    }
}
