package dev.music.query.search;

import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearchSql;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A page cut from the groups it spans, each in rating order: by walking the rankings' index over
 * a bounded number of songs when the group is common enough for that to find the page, else by
 * collecting the group's songs through the index of title words and sorting them.
 */
final class RankGroupPages {

    /** How many times the songs a group's share of the catalog predicts a walk may read. */
    private static final double WALK_MARGIN = 4;

    private static final long MIN_WALK = 1_000;

    private final JdbcTemplate jdbc;
    private final long maxWalk;

    /** @param maxWalk the most songs a walk of the rankings' index may read; 0 always collects and sorts */
    RankGroupPages(JdbcTemplate jdbc, long maxWalk) {
        this.jdbc = jdbc;
        this.maxWalk = maxWalk;
    }

    /**
     * {@code wanted} hits from {@code skip} on, in ranking order, from the groups of these sizes.
     *
     * @param songs how many songs the catalog holds
     */
    List<RankedSearch.Hit> page(
            List<RankGroups.Group> groups,
            long[] sizes,
            SongSearchSql.Where where,
            QueryWordMatches matches,
            long skip,
            int wanted,
            long songs) {
        List<RankedSearch.Hit> hits = new ArrayList<>();
        for (int g = 0; g < groups.size() && wanted > 0; g++) {
            if (skip >= sizes[g]) {
                skip -= sizes[g];
                continue;
            }
            int take = (int) Math.min(wanted, sizes[g] - skip);
            hits.addAll(ofGroup(groups.get(g), sizes[g], where, matches, skip, take, songs));
            wanted -= take;
            skip = 0;
        }
        return hits;
    }

    /**
     * {@code take} songs of a group from {@code skip} on, in rating order: by a bounded walk of
     * the rankings' index when the group's share of the catalog says it finds them there, else
     * (or when it did not) by collecting the group's songs and sorting them.
     */
    private List<RankedSearch.Hit> ofGroup(
            RankGroups.Group group,
            long size,
            SongSearchSql.Where where,
            QueryWordMatches matches,
            long skip,
            int take,
            long songs) {
        double score = Score.of(group.whole(), group.cost());
        List<Object> args = new ArrayList<>(group.args());
        args.addAll(where.args());
        args.add(take);
        args.add(skip);
        RowMapper<RankedSearch.Hit> hit = (row, n) -> {
            SongRow song = SongRow.read(row);
            return new RankedSearch.Hit(song, score, Highlight.of(song.title(), matches));
        };
        double predicted = WALK_MARGIN * (skip + take) * songs / Math.max(1, size);
        if (!group.whole() && predicted <= maxWalk) {
            List<Object> walkArgs = new ArrayList<>();
            walkArgs.add(Math.max(MIN_WALK, (long) predicted));
            walkArgs.addAll(args);
            List<RankedSearch.Hit> walked = jdbc.query(RankedSql.walkOfGroup(group, where), hit, walkArgs.toArray());
            if (walked.size() == take) {
                return walked;
            }
        }
        return jdbc.query(RankedSql.collectedGroup(group, where), hit, args.toArray());
    }
}
