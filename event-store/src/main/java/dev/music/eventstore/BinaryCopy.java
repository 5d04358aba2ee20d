package dev.music.eventstore;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One {@code COPY … FROM STDIN (format binary)}: rows streamed to PostgreSQL in one statement,
 * without text escaping, bytea as it is.
 */
public final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final PGCopyOutputStream copy;
    private final DataOutputStream out;

    public BinaryCopy(Connection connection, String sql) throws SQLException, IOException {
        copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16);
        out = new DataOutputStream(new BufferedOutputStream(copy, 1 << 16));
        out.write(SIGNATURE);
        out.writeInt(0); // flags: no OIDs
        out.writeInt(0); // no header extension
    }

    /** Starts a row of this many fields. */
    public void row(int fields) throws IOException {
        out.writeShort(fields);
    }

    public void text(String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void bytes(byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    public void bigint(long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    /** Ends the COPY; the rows it wrote. */
    public long finish() throws IOException, SQLException {
        out.writeShort(-1);
        out.flush();
        return copy.endCopy();
    }
}
