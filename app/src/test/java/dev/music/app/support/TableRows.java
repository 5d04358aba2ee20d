package dev.music.app.support;

import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows read for comparing two reads of a table: array columns (a title's words) come as lists, equal by content. */
public final class TableRows {

    private TableRows() {}

    public static List<Map<String, Object>> of(JdbcTemplate jdbc, String sql) {
        ColumnMapRowMapper columns = new ColumnMapRowMapper();
        return jdbc.query(sql, (rs, n) -> {
            Map<String, Object> row = columns.mapRow(rs, n);
            for (Map.Entry<String, Object> column : row.entrySet()) {
                if (column.getValue() instanceof Array array) {
                    column.setValue(Arrays.asList((Object[]) array.getArray()));
                }
            }
            return row;
        });
    }
}
