package dev.music.query.search;

import dev.music.query.song.CatalogState;
import dev.music.query.song.TitleWords;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The title words of the catalog ({@code title_vocabulary}, and its words' variants in
 * {@code title_vocabulary_variants}): which of them a query's words may mean.
 */
final class TitleVocabulary {

    private static final String LAST_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final JdbcTemplate jdbc;

    TitleVocabulary(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The vocabulary's words for each query word, weighed: the same word, the words the last one
     * begins, and, through the variants of both, the words within a query word's typo budget.
     */
    QueryWordMatches matches(List<String> words) {
        QueryWordMatches matches = new QueryWordMatches(words);
        List<String> variants = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            for (String variant : Typos.deletions(words.get(i), Typos.budget(words.get(i)))) {
                variants.add(variant);
                positions.add(i);
            }
        }
        int last = words.size() - 1;
        String prefix = words.get(last);
        // The catalog's state comes with the candidates, in the same statement: one round trip less.
        jdbc.query(
                "select " + CatalogState.COLUMNS + ", m.i, m.word from catalog_state c left join lateral ("
                        + "select q.i, v.word from unnest(cast(? as text[]), cast(? as int[])) as q(variant, i)"
                        + " join title_vocabulary_variants v on v.variant = q.variant collate \"C\""
                        + " union select ?, word from title_vocabulary where word >= ? and word < ?) m on true",
                row -> {
                    matches.state(CatalogState.of(row));
                    if (row.getString("word") != null) {
                        matches.consider(row.getInt("i"), row.getString("word"));
                    }
                },
                TitleWords.arrayLiteral(variants),
                positions.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")),
                last,
                prefix,
                prefix + LAST_CODE_POINT);
        return matches;
    }

    /** The ten nearest words by trigrams, of those sharing one at all (a short word shares few), most shared first. */
    List<String> nearest(String word) {
        return jdbc.queryForList(
                "select word from (select word, similarity(word, ?) as shared from title_vocabulary"
                        + " order by word <-> ? limit 10) nearest where shared > 0 order by shared desc",
                String.class,
                word,
                word);
    }
}
