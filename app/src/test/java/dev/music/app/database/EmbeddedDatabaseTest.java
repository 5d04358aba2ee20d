package dev.music.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps its data between runs and is shared by processes on one data directory. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestartAndASecondProcessAttaches(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.startOrAttach(data, 0, false)) {
            assertThat(first.startedHere()).isTrue();
            execute(first.jdbcUrl(), "create table kept (value text); insert into kept values ('still here')");

            try (EmbeddedDatabase second = EmbeddedDatabase.startOrAttach(data, 0, false)) {
                assertThat(second.startedHere())
                        .as("attached to the running server")
                        .isFalse();
                assertThat(second.port()).isEqualTo(first.port());
            }
            assertThat(read(first.jdbcUrl()))
                    .as("closing an attached handle leaves the server up")
                    .isEqualTo("still here");
        }
        try (EmbeddedDatabase restarted = EmbeddedDatabase.startOrAttach(data, 0, false)) {
            assertThat(restarted.startedHere()).isTrue();
            assertThat(read(restarted.jdbcUrl())).isEqualTo("still here");
            assertThat(queryOne(restarted.jdbcUrl(), "select name from pg_available_extensions where name = 'pg_trgm'"))
                    .isEqualTo("pg_trgm");
        }
    }

    @Test
    void aServerLeftRunningByAKilledProcessIsTakenOverAndStoppedWithItsNewOwner(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                        EmbeddedDatabaseHolder.class.getName(),
                        data.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("serving on port")) {
                // the holder's log
            }
            assertThat(line).as("the holder started its server").isNotNull();
            try (EmbeddedDatabase attached = EmbeddedDatabase.startOrAttach(data, 0, false)) {
                assertThat(attached.startedHere())
                        .as("its owner lives: attached")
                        .isFalse();
                execute(attached.jdbcUrl(), "create table kept (value text); insert into kept values ('still here')");
            }
            long orphan = Long.parseLong(
                    Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());

            holder.destroyForcibly().waitFor();
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                    .as("the server outlives its owner")
                    .contains(true);

            long restarted;
            try (EmbeddedDatabase takenOver = EmbeddedDatabase.startOrAttach(data, 0, false)) {
                assertThat(takenOver.startedHere())
                        .as("an orphan is restarted, not attached to")
                        .isTrue();
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                        .isFalse();
                assertThat(read(takenOver.jdbcUrl())).isEqualTo("still here");
                restarted = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"))
                        .get(0)
                        .strip());
            }
            Optional<ProcessHandle> server = ProcessHandle.of(restarted);
            if (server.isPresent()) {
                server.get().onExit().get(10, TimeUnit.SECONDS); // its new owner stops it when it stops
            }
        } finally {
            holder.destroyForcibly();
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
