package dev.music.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.CatalogFiles;
import dev.music.app.support.Cli;
import dev.music.app.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** create-user, verify-projections and rebuild-projections, run as an operator runs them. */
class OperatorCommandsTest {

    @Test
    void createUserReadsThePasswordFromStandardInput() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        Cli.Output created = Cli.run(
                "blue whale song\n", "create-user", "root-admin", "--role", "ADMIN", "--spring.datasource.url=" + url);
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created ADMIN account root-admin");
        assertThat(Cli.query(url, "select role from accounts where username = 'root-admin'"))
                .isEqualTo("ADMIN");
        assertThat(Cli.query(url, "select password_hash from accounts where username = 'root-admin'"))
                .startsWith("{bcrypt}")
                .doesNotContain("blue whale song");

        Cli.Output equalsForm = Cli.run(
                "blue whale song\n", "create-user", "--role=auditor", "root-auditor", "--spring.datasource.url=" + url);
        assertThat(equalsForm.exitCode()).as(equalsForm.err()).isZero();
        assertThat(Cli.query(url, "select role from accounts where username = 'root-auditor'"))
                .isEqualTo("AUDITOR");

        Cli.Output weak = Cli.run("short\n", "create-user", "weakling", "--spring.datasource.url=" + url);
        assertThat(weak.exitCode()).isEqualTo(1);
        assertThat(weak.err()).contains("This password is too short.");
        assertThat(Cli.run("blue whale song\n", "create-user", "x", "--role", "KING", "--spring.datasource.url=" + url)
                        .exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("", "create-user", "nopass", "--spring.datasource.url=" + url)
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void verifyProjectionsReportsEqualityAndDifferences() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        assertThat(Cli.run(
                                "",
                                "load-music",
                                CatalogFiles.projectPlaylist().toString(),
                                "--spring.datasource.url=" + url)
                        .exitCode())
                .isZero();
        Cli.Output equal = Cli.run("", "verify-projections", "--spring.datasource.url=" + url);
        assertThat(equal.exitCode()).as(equal.err() + equal.out()).isZero();
        assertThat(equal.out()).contains("equals a recount of the event store").contains("100 songs");

        Cli.execute(
                url,
                "update songs set total_ratings = 3 where id = 7; update songs set title = 'Wrong' where id = 8;"
                        + " delete from songs where id = 9");
        Cli.Output different = Cli.run("", "verify-projections", "--spring.datasource.url=" + url);
        assertThat(different.exitCode()).isEqualTo(1);
        assertThat(different.out())
                .contains("song 7: total_ratings 3")
                .contains("song 8: title is \"Wrong\"")
                .contains("song 9: in the catalog but missing from the read model");
    }

    @Test
    void rebuildProjectionsRepairsADamagedReadModel() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        assertThat(Cli.run(
                                "",
                                "load-music",
                                CatalogFiles.projectPlaylist().toString(),
                                "--spring.datasource.url=" + url)
                        .exitCode())
                .isZero();
        Cli.execute(
                url,
                "update songs set total_ratings = 3 where id = 7; delete from songs where id = 9;"
                        + " update song_sounds set sound = cube(array[0, 0, 0, 0, 0, 0, 0, 0]) where id = 5;"
                        + " delete from song_sounds where id = 6;"
                        + " update sound_cells set box = cube(array[1, 1, 1, 1, 1, 1, 1, 1])"
                        + " where cell = (select cell from song_sounds where id = 8)");
        Cli.Output damaged = Cli.run("", "verify-projections", "--spring.datasource.url=" + url);
        assertThat(damaged.out())
                .contains("song 5: song_sounds says (0, 0, 0, 0, 0, 0, 0, 0)")
                .contains("song 6: song_sounds says null")
                .containsPattern(
                        "song 8: its sound \\([^)]+\\) is outside its cell \\d+, \\(1, 1, 1, 1, 1, 1, 1, 1\\)");

        Cli.Output rebuilt = Cli.run("", "rebuild-projections", "--spring.datasource.url=" + url);
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).contains("songs rebuilt from 100 events");
        Cli.Output equal = Cli.run("", "verify-projections", "--spring.datasource.url=" + url);
        assertThat(equal.exitCode()).as(equal.out()).isZero();
        assertThat(Cli.query(url, "select count(*) from song_sounds")).isEqualTo("100");
        assertThat(Cli.query(url, "select indexdef from pg_indexes where indexname = 'song_sounds_cell_idx'"))
                .as("the sounds' cell index, rebuilt under its name")
                .contains("(cell) INCLUDE (id, sound)");
        assertThat(Cli.query(url, "select indexdef from pg_indexes where indexname = 'sound_cells_box_idx'"))
                .contains("USING gist (box)");

        Cli.Output unknown = Cli.run("", "rebuild-projections", "tracks", "--spring.datasource.url=" + url);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no projection named tracks (known: songs)");
    }
}
