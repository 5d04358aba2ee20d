package dev.music.app.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A primary PostgreSQL server of a test's own and a streaming replica of it, both from the
 * embedded binaries. Those hold no {@code pg_basebackup}; the replica starts from a copy of the
 * primary's data directory taken while the primary was cleanly stopped (a cold base backup, which
 * is all that pg_basebackup makes of a running server too), with {@code standby.signal} and the
 * primary's address: it then streams the primary's WAL like any other replica. Either server can
 * be crashed and restarted ({@link StoppablePostgres}).
 */
public record ReplicatedPostgres(StoppablePostgres primary, StoppablePostgres replica) implements AutoCloseable {

    /** What a running server leaves in its directory that a copy must not take along. */
    private static final Set<String> RUNTIME_FILES =
            Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "music-owner");

    public static ReplicatedPostgres start(Path dir) throws IOException {
        Path primaryDir = dir.resolve("primary");
        Path replicaDir = dir.resolve("replica");
        StoppablePostgres.start(primaryDir).close(); // initdb and the service's database, then a clean stop
        copy(primaryDir, replicaDir);
        Files.setPosixFilePermissions(replicaDir, PosixFilePermissions.fromString("rwx------"));
        StoppablePostgres primary = StoppablePostgres.start(primaryDir);
        Files.writeString(replicaDir.resolve("standby.signal"), "");
        Files.writeString(
                replicaDir.resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=localhost port=" + primary.port()
                        + " user=postgres application_name=replica'\n"
                        // queries on the replica hold back the primary's cleanup instead of being cancelled
                        + "hot_standby_feedback = on\n",
                StandardOpenOption.APPEND);
        StoppablePostgres replica = StoppablePostgres.start(replicaDir);
        return new ReplicatedPostgres(primary, replica);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!RUNTIME_FILES.contains(file.getFileName().toString())) {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            replica.close();
        } finally {
            primary.close();
        }
    }
}
