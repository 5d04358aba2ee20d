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
 * The physical connections the pool has handed out, each with the kind of work its session is
 * set for ({@link RequestTimeouts}), so that those on a server that stopped serving can be cut at
 * once: a thread blocked on a frozen server's socket waits for an answer that never comes, and
 * only closing the socket frees it. Weak: a connection the pool closed is forgotten with it.
 */
final class OpenConnections {

    /** The connection and whether its session is set for request work; null: not set yet. */
    private final Map<PGConnection, Boolean> connections = Collections.synchronizedMap(new WeakHashMap<>());

    /** Whether this connection's session is set for request work (null: neither kind yet); it is remembered from now on. */
    Boolean handedOut(PGConnection connection) {
        synchronized (connections) {
            if (!connections.containsKey(connection)) {
                connections.put(connection, null);
            }
            return connections.get(connection);
        }
    }

    void setFor(PGConnection connection, boolean requests) {
        connections.put(connection, requests);
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
