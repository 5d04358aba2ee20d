package dev.music.query.search;

import dev.music.query.song.SongSearchSql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A corrected query for a query that finds nothing: each query word that matched nothing replaced
 * by the vocabulary's nearest word (trigrams to find a few, the fewest edits among them), each that
 * matched only with typos by its nearest match; offered only when it finds something.
 */
final class Suggestion {

    private final TitleVocabulary vocabulary;
    private final CountedRanking ranking;

    Suggestion(TitleVocabulary vocabulary, CountedRanking ranking) {
        this.vocabulary = vocabulary;
        this.ranking = ranking;
    }

    /** The corrected query, or null when there is none that finds something. */
    String of(QueryWordMatches matches, SongSearchSql.Where where) {
        List<String> corrected = new ArrayList<>(matches.queryWords());
        for (int i = 0; i < corrected.size(); i++) {
            // A word that matched only with typos is written as the title word it came nearest to.
            Optional<Map.Entry<String, Integer>> best =
                    matches.of(i).entrySet().stream().min(Map.Entry.comparingByValue());
            if (best.isPresent() && best.get().getValue() > QueryWordMatches.PREFIX) {
                corrected.set(i, best.get().getKey());
            }
        }
        for (int i : matches.unmatched()) {
            String word = corrected.get(i);
            Optional<String> nearest = vocabulary.nearest(word).stream()
                    .min(Comparator.comparingInt(candidate -> Typos.distance(word, candidate, Integer.MAX_VALUE - 1)));
            if (nearest.isEmpty()) {
                return null;
            }
            corrected.set(i, nearest.get());
        }
        if (corrected.equals(matches.queryWords())) {
            return null;
        }
        QueryWordMatches again = vocabulary.matches(corrected);
        if (!again.everyWordMatches() || ranking.find(again, where, 1, 0).count() == 0) {
            return null;
        }
        return String.join(" ", corrected);
    }
}
