package dev.music.query.search;

import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearchSql;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole ranking counted and a page cut from it in one statement: for a query of too many
 * combinations of levels to be split into groups, and to check that a suggestion finds something.
 */
final class CountedRanking {

    /** How many songs the ranking holds, and the page's hits. */
    record Found(long count, List<RankedSearch.Hit> hits) {}

    private final JdbcTemplate jdbc;

    CountedRanking(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the songs whose titles hold a match of every query word, ranked, and how many there are. */
    Found find(QueryWordMatches matches, SongSearchSql.Where where, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        String ranked = RankedSql.ranked(matches, where, args);
        args.add(limit);
        args.add(offset);
        long[] total = {0};
        List<RankedSearch.Hit> hits = new ArrayList<>();
        jdbc.query(
                RankedSql.countedPage(ranked),
                row -> {
                    total[0] = row.getLong("total");
                    if (row.getObject("id") != null) {
                        SongRow song = SongRow.read(row);
                        hits.add(new RankedSearch.Hit(
                                song,
                                Score.of(row.getBoolean("whole"), row.getInt("cost")),
                                Highlight.of(song.title(), matches)));
                    }
                },
                args.toArray());
        return new Found(total[0], hits);
    }
}
