package dev.music.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.MusicApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
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

    /** A port no one listens on now, for a service process to take. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits, at most 120 s, until the process at {@code base} answers 200 on {@code probe}; fails once it dies. */
    public static void awaitAnswer(Process service, String base, String probe) throws InterruptedException {
        Api api = Api.at(base);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service process runs").isTrue();
            try {
                if (api.get(probe).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service process did not answer " + probe + " within 120 s");
    }
}
