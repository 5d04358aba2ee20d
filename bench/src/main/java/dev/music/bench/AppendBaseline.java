package dev.music.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database work under a rating, done directly: one durable insert of a row the size of a
 * rating event (the latest one's own bytes) into a copy of the event table with its keys, one
 * commit each, from as many clients as the HTTP workload had.
 */
final class AppendBaseline {

    private AppendBaseline() {}

    static Stats run(String database, int clients, int seconds) throws Exception {
        try (Connection setup = DriverManager.getConnection(database);
                Statement statement = setup.createStatement()) {
            statement.execute("drop table if exists bench_append");
            statement.execute("create table bench_append (like domain_event_entry including all)");
        }
        AtomicLong sequence = new AtomicLong();
        Stats stats = ClosedLoop.run(clients, seconds, () -> {
            Connection connection = DriverManager.getConnection(database);
            PreparedStatement append = connection.prepareStatement("""
                    insert into bench_append (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    select ?, 0, type, ?, meta_data, payload, payload_revision, payload_type, time_stamp
                    from domain_event_entry where global_index = (select max(global_index)
                        from domain_event_entry where payload_type = 'dev.music.events.RatingSubmitted')""");
            return new ClosedLoop.Client() {
                @Override
                public boolean call() throws Exception {
                    append.setString(1, "bench-" + sequence.incrementAndGet());
                    append.setString(2, UUID.randomUUID().toString());
                    return append.executeUpdate() == 1;
                }

                @Override
                public void close() throws Exception {
                    connection.close();
                }
            };
        });
        try (Connection setup = DriverManager.getConnection(database);
                Statement statement = setup.createStatement()) {
            statement.execute("drop table bench_append");
        }
        return stats;
    }
}
