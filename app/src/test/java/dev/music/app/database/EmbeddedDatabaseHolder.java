package dev.music.app.database;

import java.nio.file.Path;

/** A process that starts the embedded PostgreSQL on a data directory and holds it until it is killed. */
public final class EmbeddedDatabaseHolder {

    private EmbeddedDatabaseHolder() {}

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.startOrAttach(Path.of(args[0]), 0, false);
        System.out.println("serving on port " + database.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
