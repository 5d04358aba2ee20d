package dev.music.app.cli;

import dev.music.app.support.CatalogFiles;
import dev.music.app.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar music.jar load-music FILE}, run as an operator runs it. */
class LoadMusicCommandTest {

    @Test
    void importsTheFileAndWaitsUntilItIsSearchable() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        Output output = run("load-music", CatalogFiles.projectPlaylist().toString(), "--spring.datasource.url=" + url);

        assertThat(output.exitCode).as(output.err).isZero();
        assertThat(output.out).contains("100 rows: 100 added, 0 unchanged, 0 corrected, 0 rejected")
                .contains("Projected: the catalog is searchable");
        assertThat(count(url, "select count(*) from songs")).isEqualTo(100);

        Output again = run("load-music", CatalogFiles.projectPlaylist().toString(), "--spring.datasource.url=" + url);
        assertThat(again.exitCode).isZero();
        assertThat(again.out).contains("100 rows: 0 added, 100 unchanged, 0 corrected, 0 rejected");
        assertThat(count(url, "select count(*) from domain_event_entry")).isEqualTo(100);
    }

    @Test
    void anInvalidFileImportsNothingAndFails(@TempDir Path dir) throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        String valid = Files.readString(CatalogFiles.projectPlaylist());
        // Row 99's tempo becomes a string: the 99 valid rows before it must not be imported either.
        Path file = dir.resolve("bad.json");
        int tempo = valid.indexOf("\"tempo\":{");
        int at = valid.indexOf("\"99\":", tempo);
        int end = valid.indexOf('}', at);
        Files.writeString(file, valid.substring(0, at) + "\"99\":\"fast\"" + valid.substring(end));

        Output output = run("load-music", file.toString(), "--spring.datasource.url=" + url);

        assertThat(output.exitCode).isEqualTo(1);
        assertThat(output.err).contains("nothing was imported")
                .contains("row 99, column 'tempo': expected a number, found a string");
        assertThat(count(url, "select count(*) from domain_event_entry")).isZero();
        assertThat(count(url, "select count(*) from known_songs")).isZero();
    }

    @Test
    void aMissingFileOrArgumentIsAUsageError() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        assertThat(run("load-music", "--spring.datasource.url=" + url).exitCode).isEqualTo(2);
        Output missing = run("load-music", "/no/such/file.json", "--spring.datasource.url=" + url);
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("cannot read /no/such/file.json");
    }

    private record Output(int exitCode, String out, String err) {
    }

    private static Output run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CommandLineTools.run(args);
            return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
