package dev.music.query.search;

import dev.music.query.song.CatalogCounts;
import dev.music.query.song.CatalogState;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongSearchSql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many songs each of a query's {@link RankGroups} holds. That depends on the titles alone (and
 * the filters), so the groups are counted in one statement and remembered like the list's counts
 * ({@link CatalogCounts}: exact for as long as the catalog, and with a rating filter the rating
 * figures, stay as they were).
 */
final class RankGroupCounts {

    /** What a group's count is remembered under: the query's matches, the filters and the group. */
    private record GroupKey(List<Map<String, Integer>> matches, List<SongFilter.Condition> conditions, int group) {}

    private final JdbcTemplate jdbc;
    private final CatalogCounts counts;

    RankGroupCounts(JdbcTemplate jdbc, CatalogCounts counts) {
        this.jdbc = jdbc;
        this.counts = counts;
    }

    /** How many songs each group holds: remembered, or counted now in one statement and remembered. */
    long[] sizes(
            QueryWordMatches matches,
            List<SongFilter.Condition> conditions,
            SongSearchSql.Where where,
            List<RankGroups.Group> groups,
            CatalogState state) {
        List<Map<String, Integer>> signature = new ArrayList<>();
        for (int i = 0; i < matches.queryWords().size(); i++) {
            signature.add(Map.copyOf(matches.of(i)));
        }
        long[] sizes = new long[groups.size()];
        boolean known = true;
        for (int g = 0; g < groups.size() && known; g++) {
            OptionalLong size = counts.get(new GroupKey(signature, conditions, g), state);
            known = size.isPresent();
            sizes[g] = size.orElse(0);
        }
        if (known) {
            return sizes;
        }
        Arrays.fill(sizes, 0);
        List<Object> args = new ArrayList<>();
        String ranked = RankedSql.ranked(matches, where, args);
        CatalogState[] counted = {state};
        jdbc.query(
                RankedSql.groupCounts(ranked),
                row -> {
                    counted[0] = CatalogState.of(row);
                    if (row.getObject("songs") == null) {
                        return;
                    }
                    boolean whole = row.getBoolean("whole");
                    int cost = row.getInt("cost");
                    for (int g = 0; g < groups.size(); g++) {
                        if (groups.get(g).whole() == whole
                                && (whole || groups.get(g).cost() == cost)) {
                            sizes[g] += row.getLong("songs");
                            break;
                        }
                    }
                },
                args.toArray());
        boolean ofCatalogAlone = CatalogCounts.ofCatalogAlone(new SongFilter(null, conditions));
        for (int g = 0; g < groups.size(); g++) {
            counts.put(new GroupKey(signature, conditions, g), ofCatalogAlone, counted[0], sizes[g]);
        }
        return sizes;
    }
}
