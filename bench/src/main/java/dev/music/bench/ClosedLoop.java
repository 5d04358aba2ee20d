package dev.music.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The closed-loop driver every throughput workload shares: {@code clients} threads, each with a
 * client of its own, calling it again as soon as it answers, for {@code seconds}.
 */
final class ClosedLoop {

    private ClosedLoop() {}

    /** One client's connection to what is measured; each call is one operation, true when it succeeded. */
    interface Client extends AutoCloseable {
        boolean call() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    @FunctionalInterface
    interface ClientFactory {
        Client create() throws Exception;
    }

    /** Runs the clients; the figures, with the elapsed time recorded. */
    static Stats run(int clients, int seconds, ClientFactory factory) throws InterruptedException {
        return run(clients, seconds, 0, factory);
    }

    /**
     * Runs the clients, each pausing {@code pauseMillis} after every answer: an offered load of
     * about {@code clients × 1000 / (pauseMillis + latency)} a second, whose latency is read at a
     * rate below saturation.
     */
    static Stats run(int clients, int seconds, long pauseMillis, ClientFactory factory) throws InterruptedException {
        Stats stats = new Stats();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                try (Client client = factory.create()) {
                    while (System.nanoTime() < end) {
                        stats.time(client::call);
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        stats.elapsed((System.nanoTime() - started) / 1e9);
        return stats;
    }
}
