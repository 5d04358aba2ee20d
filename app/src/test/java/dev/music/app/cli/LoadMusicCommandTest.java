package dev.music.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.CatalogFiles;
import dev.music.app.support.Cli;
import dev.music.app.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar music.jar load-music FILE}, run as an operator runs it. */
class LoadMusicCommandTest {

    @Test
    void importsTheFileAndWaitsUntilItIsSearchable() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        Cli.Output output =
                Cli.run("", "load-music", CatalogFiles.projectPlaylist().toString(), "--spring.datasource.url=" + url);

        assertThat(output.exitCode()).as(output.err()).isZero();
        assertThat(output.out())
                .contains("100 rows: 100 added, 0 unchanged, 0 corrected, 0 rejected")
                .contains("Projected: the catalog is searchable");
        assertThat(Long.parseLong(Cli.query(url, "select count(*) from songs"))).isEqualTo(100);

        Cli.Output again =
                Cli.run("", "load-music", CatalogFiles.projectPlaylist().toString(), "--spring.datasource.url=" + url);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("100 rows: 0 added, 100 unchanged, 0 corrected, 0 rejected");
        assertThat(Long.parseLong(Cli.query(url, "select count(*) from domain_event_entry")))
                .isEqualTo(100);
    }

    @Test
    void aFirstLoadIsProjectedByARebuild() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        Cli.Output output = Cli.run(
                "",
                "load-music",
                CatalogFiles.projectPlaylist().toString(),
                "--music.catalog.first-load-rows=50",
                "--spring.datasource.url=" + url);

        assertThat(output.exitCode()).as(output.err()).isZero();
        assertThat(output.out())
                .contains("100 rows: 100 added")
                .contains("songs rebuilt from 100 events")
                .contains("Projected: the catalog is searchable");
        assertThat(Long.parseLong(Cli.query(url, "select count(*) from songs"))).isEqualTo(100);
        assertThat(Long.parseLong(Cli.query(url, "select count(*) from song_rankings")))
                .isEqualTo(100);
        assertThat(Cli.run("", "verify-projections", "--spring.datasource.url=" + url)
                        .out())
                .contains("songs projection equals a recount of the event store up to event 100 (100 songs");

        // The catalog is no longer empty: a second file goes through the projector, as any later import.
        Cli.Output again = Cli.run(
                "",
                "load-music",
                CatalogFiles.projectPlaylist().toString(),
                "--music.catalog.first-load-rows=50",
                "--spring.datasource.url=" + url);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 added, 100 unchanged").doesNotContain("rebuilt");
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

        Cli.Output output = Cli.run("", "load-music", file.toString(), "--spring.datasource.url=" + url);

        assertThat(output.exitCode()).isEqualTo(1);
        assertThat(output.err())
                .contains("nothing was imported")
                .contains("row 99, column 'tempo': expected a number, found a string");
        assertThat(Long.parseLong(Cli.query(url, "select count(*) from domain_event_entry")))
                .isZero();
        assertThat(Long.parseLong(Cli.query(url, "select count(*) from known_songs")))
                .isZero();
    }

    @Test
    void aMissingFileOrArgumentIsAUsageError() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        assertThat(Cli.run("", "load-music", "--spring.datasource.url=" + url).exitCode())
                .isEqualTo(2);
        Cli.Output missing = Cli.run("", "load-music", "/no/such/file.json", "--spring.datasource.url=" + url);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read /no/such/file.json");
    }
}
