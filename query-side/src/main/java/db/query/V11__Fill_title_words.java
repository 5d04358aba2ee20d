package db.query;

import dev.music.query.song.TitleWords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code songs.title_words} for the songs that were there before ranked search: the words are
 * folded in Java ({@link TitleWords}), as the projector folds them, so that a query folded the same
 * way finds them. In batches by id, each one UPDATE from arrays, each committed (a crash part way
 * leaves the migration to run again from the start); then, outside any transaction, a VACUUM FULL
 * rewrites the table and its indexes without the old row versions (a million at a million songs:
 * left in place they doubled the table and slowed every search to half its speed) and gathers the
 * statistics that the search plans need.
 */
public class V11__Fill_title_words extends BaseJavaMigration {

    private static final int BATCH = 10_000;

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        long after = Long.MIN_VALUE;
        try (PreparedStatement select =
                        connection.prepareStatement("select id, title from songs where id > ? order by id limit ?");
                PreparedStatement update =
                        connection.prepareStatement("update songs s set title_words = cast(w.words as text[])"
                                + " from unnest(?::bigint[], ?::text[]) as w(id, words) where s.id = w.id")) {
            while (true) {
                List<Long> ids = new ArrayList<>();
                List<String> words = new ArrayList<>();
                select.setLong(1, after);
                select.setInt(2, BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                        words.add(TitleWords.arrayLiteral(TitleWords.of(rows.getString(2))));
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                update.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                update.setArray(2, connection.createArrayOf("text", words.toArray()));
                update.executeUpdate();
                after = ids.get(ids.size() - 1);
            }
        }
        try (var vacuum = connection.createStatement()) {
            vacuum.execute("vacuum full analyze songs");
        }
    }
}
