package dev.music.app.cli;

import dev.music.app.support.CatalogFiles;
import dev.music.app.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** create-user and verify-projections, run as an operator runs them. */
class OperatorCommandsTest {

    @Test
    void createUserReadsThePasswordFromStandardInput() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        Output created = run("blue whale song\n", "create-user", "root-admin", "--role", "ADMIN",
                "--spring.datasource.url=" + url);
        assertThat(created.exitCode).as(created.err).isZero();
        assertThat(created.out).contains("Created ADMIN account root-admin");
        assertThat(query(url, "select role from accounts where username = 'root-admin'")).isEqualTo("ADMIN");
        assertThat(query(url, "select password_hash from accounts where username = 'root-admin'"))
                .startsWith("{bcrypt}").doesNotContain("blue whale song");

        Output weak = run("short\n", "create-user", "weakling", "--spring.datasource.url=" + url);
        assertThat(weak.exitCode).isEqualTo(1);
        assertThat(weak.err).contains("This password is too short.");
        assertThat(run("blue whale song\n", "create-user", "x", "--role", "KING", "--spring.datasource.url=" + url).exitCode)
                .isEqualTo(2);
        assertThat(run("", "create-user", "nopass", "--spring.datasource.url=" + url).exitCode).isEqualTo(2);
    }

    @Test
    void verifyProjectionsReportsEqualityAndDifferences() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        assertThat(run("", "load-music", CatalogFiles.projectPlaylist().toString(), "--spring.datasource.url=" + url).exitCode)
                .isZero();
        Output equal = run("", "verify-projections", "--spring.datasource.url=" + url);
        assertThat(equal.exitCode).as(equal.err + equal.out).isZero();
        assertThat(equal.out).contains("equals a recount of the event store").contains("100 songs");

        execute(url, "update songs set total_ratings = 3 where id = 7; update songs set title = 'Wrong' where id = 8;"
                + " delete from songs where id = 9");
        Output different = run("", "verify-projections", "--spring.datasource.url=" + url);
        assertThat(different.exitCode).isEqualTo(1);
        assertThat(different.out).contains("song 7: total_ratings 3").contains("song 8: title is \"Wrong\"")
                .contains("song 9: in the catalog but missing from the read model");
    }

    private record Output(int exitCode, String out, String err) {
    }

    private static Output run(String stdin, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        InputStream originalIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CommandLineTools.run(args);
            return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static String query(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute(sql);
        }
    }
}
