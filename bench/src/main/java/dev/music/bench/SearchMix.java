package dev.music.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The search workload's fixed mix of catalog searches, the same for a seed: title terms of 1 to
 * 20 characters cut from the words the catalog generator builds titles from (so most match,
 * some of them non-ASCII), one in ten a term no title contains, one in ten no title at all;
 * half in the default order, the rest ordered by a rating or a feature; a third with numeric
 * filters; most on the first page.
 */
final class SearchMix {

    private static final String[] ORDERINGS = {
        "-average_rating", "title", "-tempo", "energy", "-danceability", "-total_ratings,title", "duration_ms"
    };
    private static final String[][] FILTERS = {
        {"min_energy", "0.5"},
        {"max_tempo", "120"},
        {"min_danceability", "0.3"},
        {"max_danceability", "0.8"},
        {"min_average_rating", "3"},
        {"key", "5"},
        {"mode", "1"},
        {"min_valence", "0.6"},
        {"max_acousticness", "0.2"}
    };
    private static final String NO_MATCH_LETTERS = "qxzjvkw";

    private SearchMix() {}

    /** One search: its query parameters in the order they appear in the URL. */
    record Search(Map<String, String> parameters) {

        String path() {
            StringBuilder path = new StringBuilder("/api/music/");
            String separator = "?";
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                path.append(separator)
                        .append(parameter.getKey())
                        .append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = "&";
            }
            return path.toString();
        }

        String title() {
            return parameters.get("title");
        }
    }

    static List<Search> of(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> words = new ArrayList<>();
        words.addAll(List.of(CatalogGenerator.adjectives()));
        words.addAll(List.of(CatalogGenerator.nouns()));
        words.addAll(List.of(CatalogGenerator.artists()));
        List<Search> searches = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, String> parameters = new LinkedHashMap<>();
            int kind = random.nextInt(10);
            if (kind == 0) {
                parameters.put("title", noMatch(random));
            } else if (kind != 1) {
                parameters.put("title", term(random, words));
            }
            if (random.nextInt(2) == 1) {
                parameters.put("ordering", ORDERINGS[random.nextInt(ORDERINGS.length)]);
            }
            if (random.nextInt(3) == 0) {
                int filters = 1 + random.nextInt(2);
                for (int f = 0; f < filters; f++) {
                    String[] filter = FILTERS[random.nextInt(FILTERS.length)];
                    parameters.put(filter[0], filter[1]);
                }
            }
            if (random.nextInt(10) == 0) {
                parameters.put("page", Integer.toString(2 + random.nextInt(4)));
            }
            searches.add(new Search(parameters));
        }
        return searches;
    }

    /** Every column a search can be ordered by, each way, as the API names them. */
    private static final String[] COLUMNS = {
        "title",
        "average_rating",
        "total_ratings",
        "danceability",
        "energy",
        "key",
        "loudness",
        "mode",
        "acousticness",
        "instrumentalness",
        "liveness",
        "valence",
        "tempo",
        "duration_ms",
        "time_signature",
        "num_bars",
        "num_sections",
        "num_segments"
    };

    /** Features with the range a min_ or max_ bound is drawn from. */
    private static final Object[][] RANGES = {
        {"danceability", 0.0, 1.0},
        {"energy", 0.0, 1.0},
        {"acousticness", 0.0, 1.0},
        {"valence", 0.0, 1.0},
        {"tempo", 60.0, 200.0},
        {"loudness", -30.0, 0.0},
        {"duration_ms", 120_000.0, 360_000.0}
    };

    /**
     * The filtered and ordered variants: each a title term or none, one or two min_/max_ bounds of
     * features, an ordering by any column either way; one in ten the 1,000th page of a common
     * term.
     */
    static List<Search> variants(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        List<String> words = new ArrayList<>();
        words.addAll(List.of(CatalogGenerator.adjectives()));
        words.addAll(List.of(CatalogGenerator.nouns()));
        List<Search> searches = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (random.nextInt(10) == 0) {
                parameters.put(
                        "title",
                        words.get(random.nextInt(words.size())).substring(0, 2).toLowerCase());
                parameters.put("page", "1000");
                parameters.put("ordering", COLUMNS[random.nextInt(COLUMNS.length)]);
                searches.add(new Search(parameters));
                continue;
            }
            if (random.nextInt(3) != 0) {
                parameters.put("title", term(random, words));
            }
            int bounds = 1 + random.nextInt(2);
            for (int b = 0; b < bounds; b++) {
                Object[] range = RANGES[random.nextInt(RANGES.length)];
                double low = (double) range[1];
                double high = (double) range[2];
                double value = low + random.nextDouble() * (high - low);
                boolean min = random.nextBoolean();
                parameters.put(
                        (min ? "min_" : "max_") + range[0],
                        range[0].equals("duration_ms") ? Long.toString((long) value) : String.format("%.2f", value));
            }
            String column = COLUMNS[random.nextInt(COLUMNS.length)];
            parameters.put("ordering", (random.nextBoolean() ? "-" : "") + column);
            searches.add(new Search(parameters));
        }
        return searches;
    }

    /** 1 to 20 characters of one or two catalog words ("Midnight Rain" → "night Ra"). */
    private static String term(SplittableRandom random, List<String> words) {
        String phrase = words.get(random.nextInt(words.size())) + " " + words.get(random.nextInt(words.size()));
        int length = Math.min(phrase.length(), 1 + random.nextInt(20));
        int start = random.nextInt(phrase.length() - length + 1);
        String term = phrase.substring(start, start + length).strip();
        return term.isEmpty() ? phrase.substring(0, 1) : term;
    }

    /** A term of 3 to 12 letters that no generated title contains. */
    private static String noMatch(SplittableRandom random) {
        return noMatch(random, 3, 10);
    }

    /** A term of {@code shortest} to {@code shortest + lengths - 1} letters that no generated title contains. */
    static String noMatch(SplittableRandom random, int shortest, int lengths) {
        StringBuilder term = new StringBuilder("qz");
        int length = shortest + random.nextInt(lengths);
        while (term.length() < length) {
            term.append(NO_MATCH_LETTERS.charAt(random.nextInt(NO_MATCH_LETTERS.length())));
        }
        return term.toString();
    }
}
