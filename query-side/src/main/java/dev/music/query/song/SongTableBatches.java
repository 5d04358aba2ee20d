package dev.music.query.song;

import dev.music.query.song.SongChanges.UserRating;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Writes song changes to one copy's tables as JDBC batches: the row changes in their order, one
 * batch per statement for each run of changes of one kind, then the users' ratings.
 */
public final class SongTableBatches {

    private final NamedParameterJdbcTemplate jdbc;
    private final SongTables tables;

    public SongTableBatches(JdbcTemplate jdbc, SongTables tables) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.tables = tables;
    }

    public void write(SongChanges changes) {
        writeRows(changes.rows());
        writeUserRatings(changes.userRatings());
    }

    public void writeRows(List<? extends SongChange> rows) {
        int from = 0;
        while (from < rows.size()) {
            Class<?> kind = rows.get(from).getClass();
            int to = from;
            while (to < rows.size() && rows.get(to).getClass() == kind) {
                to++;
            }
            List<? extends SongChange> run = rows.subList(from, to);
            SqlParameterSource[] parameters =
                    run.stream().map(SongChange::parameters).toArray(SqlParameterSource[]::new);
            for (String statement : run.get(0).statements(tables)) {
                jdbc.batchUpdate(statement, parameters);
            }
            from = to;
        }
    }

    public void writeUserRatings(Collection<UserRating> ratings) {
        jdbc.batchUpdate(
                tables.upsertUserRating(),
                ratings.stream().map(UserRating::parameters).toArray(SqlParameterSource[]::new));
    }
}
