package dev.music.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rating workloads against a running service, over HTTP:
 * <ul>
 *   <li>{@code rate}: closed loop, {@code --clients} concurrent clients posting ratings as
 *   {@code --users} users for {@code --seconds}: ratings/s and latency;</li>
 *   <li>{@code lag}: open loop at {@code --rate} ratings/s on {@code --connections} connections
 *   (default 256), each rating's latency from the moment it was due; after every
 *   {@code --sample}-th 201 (default 10) a read with the rating's consistency token waits until
 *   the projection shows it: the time from the 201 to that read's answer; then the drain after
 *   the load stops;</li>
 *   <li>{@code burst}: the same open loop and no reads: the answers by status (201, 503 with or
 *   without {@code Retry-After}), timeouts and connection errors.</li>
 * </ul>
 * Each first runs its workload for {@code --warmup} seconds (default 10), not counted: the
 * service's code for ratings (and for the lag run, for reads that wait) is compiled while it
 * runs, as the search bench warms up its mix; the SQL side warms up for as long.
 * <pre>java -cp bench/target/bench.jar dev.music.bench.RatingBench rate --base http://localhost:8080 --clients 32</pre>
 */
public final class RatingBench {

    private static final Pattern ACCESS = Pattern.compile("\"access\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern SPOTIFY_ID = Pattern.compile("\"spotify_id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    /** The load tool's timeout: above the slowest answer, so that a slow answer is measured, not cut. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;

    RatingBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "rate";
        if (!List.of("rate", "lag", "burst").contains(mode)) {
            throw new IllegalArgumentException("mode is rate, lag or burst: " + mode);
        }
        String base = Bench.option(args, "--base", "http://localhost:8080");
        int users = Integer.parseInt(Bench.option(args, "--users", "200"));
        int clients = Integer.parseInt(Bench.option(args, "--clients", "32"));
        int seconds = Integer.parseInt(Bench.option(args, "--seconds", "30"));
        int rate = Integer.parseInt(Bench.option(args, "--rate", "500"));
        int warmup = Integer.parseInt(Bench.option(args, "--warmup", "10"));
        int connections = Integer.parseInt(Bench.option(args, "--connections", "256"));
        // the lag run reads one rating in ten: a read for each would double the load it measures
        int sample = mode.equals("burst") ? 0 : Integer.parseInt(Bench.option(args, "--sample", "10"));
        RatingBench bench = new RatingBench(base);
        List<String> tokens = bench.signUp(users);
        List<String[]> songs = bench.songs();
        System.out.printf("%d users, %d songs, against %s%n", tokens.size(), songs.size(), base);
        String database = Bench.option(args, "--database", null);
        if (warmup > 0) {
            // the lag run warms up on its own workload: its reads wait for the projection
            if (mode.equals("rate")) {
                bench.rate("warm-up", tokens, songs, clients, warmup);
            } else {
                bench.openLoop(tokens, songs, Math.min(rate, WARMUP_RATE), warmup, sample, connections, false);
            }
            Thread.sleep(2_000); // the projectors catch up before anything is measured
        }
        if (mode.equals("rate")) {
            Stats service = bench.rate("rate POST", tokens, songs, clients, seconds);
            if (database != null) {
                if (warmup > 0) {
                    AppendBaseline.run(database, clients, warmup);
                }
                Stats raw = AppendBaseline.run(database, clients, seconds);
                System.out.println(raw.report("append SQL", raw.elapsedSeconds()) + "   (" + clients + " clients)");
                System.out.printf("ratio service/SQL throughput: %.2f%n", service.throughput() / raw.throughput());
            }
        } else {
            bench.openLoop(tokens, songs, rate, seconds, sample, connections, true);
        }
        Bench.printResidentMemory(Bench.option(args, "--pid", null));
        System.exit(0);
    }

    /** Registers users (once per run, unique names) and signs them in; their access tokens. */
    List<String> signUp(int users) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<String>> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String body =
                    "{\"username\": \"bench-" + run + "-" + i + "\", \"password\": \"bench password " + run + "\"}";
            tokens.add(CompletableFuture.supplyAsync(
                    () -> {
                        post("/api/register/", body, null);
                        Matcher access =
                                ACCESS.matcher(post("/api/token/", body, null).body());
                        if (!access.find()) {
                            throw new IllegalStateException("no token for a bench user");
                        }
                        return access.group(1);
                    },
                    pool));
        }
        List<String> result = new ArrayList<>();
        for (CompletableFuture<String> token : tokens) {
            result.add(token.get());
        }
        pool.shutdown();
        return result;
    }

    /** Up to 500 songs from all over the catalog (the first page of five orderings): id and Spotify id. */
    List<String[]> songs() throws Exception {
        Map<String, String[]> songs = new LinkedHashMap<>();
        for (String ordering : List.of("id", "-tempo", "energy", "-danceability", "title")) {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/music/?page_size=100&ordering=" + ordering))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher ids = ID.matcher(body);
            Matcher spotifyIds = SPOTIFY_ID.matcher(body);
            while (ids.find() && spotifyIds.find()) {
                songs.putIfAbsent(ids.group(1), new String[] {ids.group(1), spotifyIds.group(1)});
            }
        }
        return new ArrayList<>(songs.values());
    }

    private Stats rate(String name, List<String> tokens, List<String[]> songs, int clients, int seconds)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        Stats stats = ClosedLoop.run(clients, seconds, () -> new ClosedLoop.Client() {
            private final PlainHttp connection = new PlainHttp(base, TIMEOUT);

            @Override
            public boolean call() throws Exception {
                String[] song = songs.get(ThreadLocalRandom.current().nextInt(songs.size()));
                String token = tokens.get(next.getAndIncrement() % tokens.size());
                return rating(connection, song[0], token).status() == 201;
            }

            @Override
            public void close() {
                connection.close();
            }
        });
        System.out.println(stats.report(name, stats.elapsedSeconds()) + "   (" + clients + " clients)");
        return stats;
    }

    /**
     * An open loop on a fixed set of connections, as wrk2 offers a rate: rating {@code n} is due
     * at {@code n/rate} s, each connection's thread takes the next rating due, waits until it is
     * due and sends it, and each answer's latency counts from the moment its rating was due, so
     * that a slow answer is not hidden by the ratings it delayed. After every {@code sample}-th
     * 201 (none when 0) a read with the rating's consistency token waits until the projection
     * shows it: the time from the 201 to that read's answer is the rating's lag. When the load
     * has stopped, the last ratings answered are read the same way: the time from the last 201
     * until all of them are visible is the projection's drain.
     */
    private void openLoop(
            List<String> tokens,
            List<String[]> songs,
            int rate,
            int seconds,
            int sample,
            int connections,
            boolean report)
            throws Exception {
        Outcomes posts = new Outcomes();
        Stats lag = new Stats();
        AtomicInteger created = new AtomicInteger();
        AtomicLong lastCreated = new AtomicLong();
        AtomicLong latestSend = new AtomicLong();
        Deque<String[]> recent = new ArrayDeque<>();
        AtomicInteger next = new AtomicInteger();
        long intervalNanos = 1_000_000_000L / rate;
        int total = rate * seconds;
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            senders.execute(() -> {
                PlainHttp connection = new PlainHttp(base, TIMEOUT);
                for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                    long due = started + n * intervalNanos;
                    try {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        latestSend.accumulateAndGet(System.nanoTime() - due, Math::max);
                        String[] song = songs.get(ThreadLocalRandom.current().nextInt(songs.size()));
                        PlainHttp.Answer answer = rating(connection, song[0], tokens.get(n % tokens.size()));
                        long answeredAt = System.nanoTime();
                        posts.answered(answer.status(), answeredAt - due, answer.header("Retry-After") != null);
                        if (answer.status() != 201) {
                            continue;
                        }
                        String token = answer.header("X-Consistency-Token");
                        lastCreated.accumulateAndGet(answeredAt, Math::max);
                        synchronized (recent) {
                            recent.addLast(new String[] {song[1], token});
                            if (recent.size() > DRAIN_READS) {
                                recent.removeFirst();
                            }
                        }
                        if (sample > 0 && created.incrementAndGet() % sample == 0) {
                            if (visible(connection, song[1], token)) {
                                lag.add(System.nanoTime() - answeredAt);
                            } else {
                                lag.fail();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (IOException | RuntimeException e) {
                        connection.close();
                        posts.failed(e);
                    }
                }
                connection.close();
            });
        }
        senders.shutdown();
        senders.awaitTermination(seconds + TIMEOUT.toSeconds() * 4, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<String[]> last;
        synchronized (recent) {
            last = new ArrayList<>(recent);
        }
        boolean drained = true;
        try (PlainHttp reader = new PlainHttp(base, TIMEOUT)) {
            for (String[] read : last) {
                drained &= visible(reader, read[0], read[1]);
            }
        }
        double drainMillis = (System.nanoTime() - lastCreated.get()) / 1e6;
        if (report) {
            System.out.printf(
                    "offered %,d ratings at %,d/s for %d s (open loop on %d connections: each rating sent when due,"
                            + " its latency from then; the latest send %.0f ms after it was due)%n",
                    total, rate, seconds, connections, latestSend.get() / 1e6);
            posts.print("rate POST", elapsed);
            if (sample > 0) {
                System.out.println(lag.report("201->visible", elapsed) + "   (every " + sample + "th rating read)");
                System.out.printf(
                        "drain: the last %d ratings answered %s %.0f ms after the last 201%n",
                        last.size(), drained ? "all visible" : "NOT all visible", drainMillis);
            }
        }
    }

    private static final int DRAIN_READS = 64;

    /** A burst's warm-up is offered at most what the service takes, so that it warms up rather than refuses. */
    private static final int WARMUP_RATE = 1_000;

    private static PlainHttp.Answer rating(PlainHttp connection, String songId, String token) throws IOException {
        return connection.send(
                "POST",
                "/api/rating/",
                "Content-Type: application/json\r\nAuthorization: Bearer " + token + "\r\n",
                body(songId));
    }

    /** Whether a read with the rating's consistency token shows it: it waits for the projection. */
    private static boolean visible(PlainHttp connection, String spotifyId, String consistencyToken) {
        try {
            PlainHttp.Answer read = connection.send(
                    "GET", "/api/songs/" + spotifyId + "/", "X-Consistency-Token: " + consistencyToken + "\r\n", null);
            return read.status() == 200 && "applied".equals(read.header("X-Consistency"));
        } catch (IOException e) {
            connection.close();
            return false;
        }
    }

    private static String body(String songId) {
        return "{\"music\": " + songId + ", \"score\": "
                + ThreadLocalRandom.current().nextInt(1, 6) + "}";
    }

    private HttpResponse<String> post(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        }
    }
}
