package dev.music.app.support;

import dev.music.app.MusicApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The service in a process of its own, on the tests' classpath, a test can kill outright. */
public final class ServiceProcess {

    private ServiceProcess() {}

    /** Starts the service on the database at {@code url}, with the tests' signing key and these options. */
    public static Process start(String url, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Xmx256m",
                MusicApplication.class.getName(),
                "--spring.datasource.url=" + url,
                "--music.catalog.import-on-empty=false",
                "--music.jwt.secret=" + IntegrationTest.JWT_SECRET));
        command.addAll(List.of(options));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
