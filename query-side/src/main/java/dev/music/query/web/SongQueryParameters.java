package dev.music.query.web;

import dev.music.query.paging.PageRequest;
import dev.music.query.song.SongColumns;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * Turns the query parameters of {@code /api/music/} into a filter and an ordering, with the
 * earlier API's rules: {@code title} substring, {@code min_X}/{@code max_X}/{@code X} for the
 * numeric columns ("Enter a number." otherwise), empty values ignored, unknown ordering fields
 * ignored.
 */
public final class SongQueryParameters {

    static final String ENTER_A_NUMBER = "Enter a number.";

    private SongQueryParameters() {}

    public static SongFilter filter(MultiValueMap<String, String> params) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<SongFilter.Condition> conditions = new ArrayList<>();
        for (String column : SongColumns.NUMERIC) {
            condition(params, "min_" + column, column, SongFilter.Operator.AT_LEAST, conditions, errors);
            condition(params, "max_" + column, column, SongFilter.Operator.AT_MOST, conditions, errors);
            condition(params, column, column, SongFilter.Operator.EQUALS, conditions, errors);
        }
        // Surrounding blanks are dropped, as the earlier API's form fields dropped them.
        String title = PageRequest.last(params, "title");
        if (title != null && title.indexOf('\u0000') >= 0) {
            errors.put("title", List.of("Null characters are not allowed."));
        }
        if (!errors.isEmpty()) {
            throw ReadProblems.invalidInput(errors);
        }
        title = title == null ? null : title.strip();
        return new SongFilter(title == null || title.isEmpty() ? null : title, conditions);
    }

    public static List<SongOrder> ordering(MultiValueMap<String, String> params) {
        String text = PageRequest.last(params, "ordering");
        List<SongOrder> ordering = new ArrayList<>();
        if (text != null) {
            for (String field : text.split(",")) {
                String name = field.strip();
                boolean descending = name.startsWith("-");
                String column = descending ? name.substring(1) : name;
                if (SongColumns.ORDERABLE.contains(column)) {
                    ordering.add(new SongOrder(column, descending));
                }
            }
        }
        return ordering.isEmpty() ? List.of(SongOrder.DEFAULT) : ordering;
    }

    private static void condition(
            MultiValueMap<String, String> params,
            String name,
            String column,
            SongFilter.Operator operator,
            List<SongFilter.Condition> conditions,
            Map<String, List<String>> errors) {
        String text = PageRequest.last(params, name);
        if (text == null || text.isBlank()) {
            return;
        }
        Double value = number(text.strip());
        if (value == null) {
            errors.put(name, List.of(ENTER_A_NUMBER));
        } else {
            conditions.add(new SongFilter.Condition(column, operator, value));
        }
    }

    /** A finite decimal number, or null. */
    private static Double number(String text) {
        try {
            double value = new BigDecimal(text).doubleValue();
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
