package dev.music.app.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data between runs and is shared by processes on one data directory. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestartAndASecondProcessAttaches(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.startOrAttach(data, 0, false)) {
            assertThat(first.startedHere()).isTrue();
            execute(first.jdbcUrl(), "create table kept (value text); insert into kept values ('still here')");

            try (EmbeddedDatabase second = EmbeddedDatabase.startOrAttach(data, 0, false)) {
                assertThat(second.startedHere()).as("attached to the running server").isFalse();
                assertThat(second.port()).isEqualTo(first.port());
            }
            assertThat(read(first.jdbcUrl())).as("closing an attached handle leaves the server up").isEqualTo("still here");
        }
        try (EmbeddedDatabase restarted = EmbeddedDatabase.startOrAttach(data, 0, false)) {
            assertThat(restarted.startedHere()).isTrue();
            assertThat(read(restarted.jdbcUrl())).isEqualTo("still here");
            assertThat(queryOne(restarted.jdbcUrl(), "select name from pg_available_extensions where name = 'pg_trgm'"))
                    .isEqualTo("pg_trgm");
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute(sql);
        }
    }

    private static String read(String url) throws Exception {
        return queryOne(url, "select value from kept");
    }

    private static String queryOne(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
