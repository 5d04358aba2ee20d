package dev.music.query.song;

import dev.music.events.AudioFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The columns of {@code songs} a client may filter and order by; nothing else reaches SQL. */
public final class SongColumns {

    /** The rating figures, which change with every rating (the other columns only with the catalog). */
    public static final Set<String> RATING = Set.of("average_rating", "total_ratings");
    /** Columns with numeric values: the rating figures and every audio feature. */
    public static final List<String> NUMERIC = numeric();
    /** Numeric columns of whole numbers (bigint or integer). */
    public static final Set<String> INTEGRAL = integral();
    /** Columns a search can be ordered by. */
    public static final Set<String> ORDERABLE = orderable();

    private SongColumns() {}

    private static List<String> numeric() {
        List<String> columns = new ArrayList<>(List.of("average_rating", "total_ratings"));
        AudioFeature.ALL.forEach(f -> columns.add(f.column()));
        return List.copyOf(columns);
    }

    private static Set<String> integral() {
        List<String> columns = new ArrayList<>(List.of("total_ratings"));
        AudioFeature.ALL.stream().filter(AudioFeature::integral).forEach(f -> columns.add(f.column()));
        return Set.copyOf(columns);
    }

    private static Set<String> orderable() {
        List<String> columns = new ArrayList<>(NUMERIC);
        columns.add("title");
        columns.add("id");
        return Set.copyOf(columns);
    }
}
