package dev.music.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database work under a rating, done directly: one durable insert of a row the size of a
 * rating event (the latest one's own bytes) into a copy of the event table with its keys, one
 * commit each, from as many clients as the HTTP workload had.
 */
final class AppendBaseline {

    private AppendBaseline() {
    }

    static Stats run(String database, int clients, int seconds) throws Exception {
        try (Connection setup = DriverManager.getConnection(database); Statement statement = setup.createStatement()) {
            statement.execute("drop table if exists bench_append");
            statement.execute("create table bench_append (like domain_event_entry including all)");
        }
        Stats stats = new Stats();
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(database);
                     PreparedStatement append = connection.prepareStatement("""
                             insert into bench_append (aggregate_identifier, sequence_number, type, event_identifier,
                                 meta_data, payload, payload_revision, payload_type, time_stamp)
                             select ?, 0, type, ?, meta_data, payload, payload_revision, payload_type, time_stamp
                             from domain_event_entry where global_index = (select max(global_index)
                                 from domain_event_entry where payload_type = 'dev.music.events.RatingSubmitted')""")) {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        append.setString(1, "bench-" + sequence.incrementAndGet());
                        append.setString(2, UUID.randomUUID().toString());
                        append.executeUpdate();
                        stats.add(System.nanoTime() - t0);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        stats.elapsed((System.nanoTime() - started) / 1e9);
        try (Connection setup = DriverManager.getConnection(database); Statement statement = setup.createStatement()) {
            statement.execute("drop table bench_append");
        }
        return stats;
    }
}
