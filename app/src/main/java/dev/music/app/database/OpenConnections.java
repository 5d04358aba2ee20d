package dev.music.app.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.HostSpec;

/**
 * The physical connections the pool has handed out, and which server each is on, so that those
 * on a server that stopped serving can be cut at once: a thread blocked on a frozen server's
 * socket waits for an answer that never comes, and only closing the socket frees it. Weak: a
 * connection the pool closed is forgotten with it.
 */
final class OpenConnections {

    private final Map<PGConnection, Boolean> connections = Collections.synchronizedMap(new WeakHashMap<>());

    void add(PGConnection connection) {
        connections.put(connection, Boolean.TRUE);
    }

    /** Aborts every open connection to {@code server}: a blocked statement on one fails at once. */
    int abortTo(HostSpec server) {
        List<PGConnection> open;
        synchronized (connections) {
            open = new ArrayList<>(connections.keySet());
        }
        int aborted = 0;
        for (PGConnection connection : open) {
            if (connection instanceof BaseConnection physical
                    && server.equals(physical.getQueryExecutor().getHostSpec())
                    && abort(physical)) {
                connections.remove(connection);
                aborted++;
            }
        }
        return aborted;
    }

    private static boolean abort(Connection connection) {
        try {
            if (connection.isClosed()) {
                return false;
            }
            connection.abort(Runnable::run);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
