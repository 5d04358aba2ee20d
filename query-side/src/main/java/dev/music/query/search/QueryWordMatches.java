package dev.music.query.search;

import dev.music.query.song.CatalogState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The title words a query's words match, each with its cost: 0 for the same word, 1 for a word
 * the last query word begins (a prefix has no typos), 2 per typo. Built from the vocabulary's
 * candidates; a candidate that none of the rules accepts is dropped.
 */
final class QueryWordMatches {

    /** The cost of a prefix match: after the same word, before any typo. */
    static final int PREFIX = 1;

    private final List<String> queryWords;
    private final List<Map<String, Integer>> costs = new ArrayList<>();
    private CatalogState state;

    QueryWordMatches(List<String> queryWords) {
        this.queryWords = List.copyOf(queryWords);
        queryWords.forEach(word -> costs.add(new LinkedHashMap<>()));
    }

    List<String> queryWords() {
        return queryWords;
    }

    /** The catalog's state when the vocabulary was read. */
    CatalogState state() {
        return state;
    }

    void state(CatalogState read) {
        this.state = read;
    }

    /** Weighs a title word found for query word {@code i}, and keeps it when a rule accepts it. */
    void consider(int i, String titleWord) {
        String queryWord = queryWords.get(i);
        int cost;
        if (titleWord.equals(queryWord)) {
            cost = 0;
        } else if (i == queryWords.size() - 1 && titleWord.startsWith(queryWord)) {
            cost = PREFIX;
        } else {
            int budget = Typos.budget(queryWord);
            int typos = Typos.distance(queryWord, titleWord, budget);
            if (typos > budget) {
                return;
            }
            cost = 2 * typos;
        }
        costs.get(i).merge(titleWord, cost, Math::min);
    }

    /** Whether every query word matches some title word: otherwise no title can match them all. */
    boolean everyWordMatches() {
        return costs.stream().noneMatch(Map::isEmpty);
    }

    /** The query words that match no title word, by position. */
    List<Integer> unmatched() {
        List<Integer> unmatched = new ArrayList<>();
        for (int i = 0; i < costs.size(); i++) {
            if (costs.get(i).isEmpty()) {
                unmatched.add(i);
            }
        }
        return unmatched;
    }

    /** The title words query word {@code i} matches, with their costs. */
    Map<String, Integer> of(int i) {
        return costs.get(i);
    }

    /** Whether a title word matches query word {@code i} and how: its cost, or null. */
    Integer cost(int i, String titleWord) {
        return costs.get(i).get(titleWord);
    }
}
