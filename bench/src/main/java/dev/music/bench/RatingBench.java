package dev.music.bench;

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
import java.util.concurrent.CompletionException;
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
 *   <li>{@code lag}: open loop at {@code --rate} ratings/s; after every {@code --sample}-th 201
 *   (default 10) a read with the rating's consistency token waits until the projection shows
 *   it: the time from the 201 to that read's answer; then the drain after the load stops;</li>
 *   <li>{@code burst}: open loop at {@code --rate} ratings/s and no reads: the answers by
 *   status (201, 503 with or without {@code Retry-After}), timeouts and connection errors.</li>
 * </ul>
 * Both first run their workload for {@code --warmup} seconds (default 10), not counted: the
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

    private RatingBench(String base) {
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
                bench.openLoop(tokens, songs, Math.min(rate, WARMUP_RATE), warmup, sample, false);
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
            bench.openLoop(tokens, songs, rate, seconds, sample, true);
        }
        Bench.printResidentMemory(Bench.option(args, "--pid", null));
        System.exit(0);
    }

    /** Registers users (once per run, unique names) and signs them in; their access tokens. */
    private List<String> signUp(int users) throws Exception {
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
    private List<String[]> songs() throws Exception {
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
        Stats stats = ClosedLoop.run(clients, seconds, () -> () -> {
            String[] song = songs.get(ThreadLocalRandom.current().nextInt(songs.size()));
            String token = tokens.get(next.getAndIncrement() % tokens.size());
            return post("/api/rating/", body(song[0]), token).statusCode() == 201;
        });
        System.out.println(stats.report(name, stats.elapsedSeconds()) + "   (" + clients + " clients)");
        return stats;
    }

    /**
     * An open loop: one rating every {@code 1/rate} s, sent asynchronously whatever the answers
     * of the earlier ones, so that a slow answer does not slow the offered load. After every
     * {@code sample}-th 201 (none when 0) a read with the rating's consistency token waits until
     * the projection shows it: the time from the 201 to that read's answer is the rating's lag.
     * When the load has stopped, the last ratings answered are read the same way: the time from
     * the last 201 until all of them are visible is the projection's drain.
     */
    private void openLoop(List<String> tokens, List<String[]> songs, int rate, int seconds, int sample, boolean report)
            throws Exception {
        Outcomes posts = new Outcomes();
        Stats lag = new Stats();
        AtomicInteger created = new AtomicInteger();
        AtomicLong lastCreated = new AtomicLong();
        Deque<String[]> recent = new ArrayDeque<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / rate;
        long started = System.nanoTime();
        int total = rate * seconds;
        for (int n = 0; n < total; n++) {
            long wait = started + n * intervalNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String[] song = songs.get(ThreadLocalRandom.current().nextInt(songs.size()));
            long t0 = System.nanoTime();
            CompletableFuture<?> rating = sendAsync(
                            postRequest("/api/rating/", body(song[0]), tokens.get(n % tokens.size())))
                    .handle((answer, failure) -> {
                        long t1 = System.nanoTime();
                        if (failure != null) {
                            posts.failed(unwrap(failure));
                            return CompletableFuture.completedFuture(null);
                        }
                        posts.answered(
                                answer.statusCode(),
                                t1 - t0,
                                answer.headers().firstValue("Retry-After").isPresent());
                        if (answer.statusCode() != 201) {
                            return CompletableFuture.completedFuture(null);
                        }
                        String token = answer.headers()
                                .firstValue("X-Consistency-Token")
                                .orElseThrow();
                        lastCreated.accumulateAndGet(t1, Math::max);
                        synchronized (recent) {
                            recent.addLast(new String[] {song[1], token});
                            if (recent.size() > DRAIN_READS) {
                                recent.removeFirst();
                            }
                        }
                        if (sample == 0 || created.incrementAndGet() % sample != 0) {
                            return CompletableFuture.completedFuture(null);
                        }
                        return visible(song[1], token).thenAccept(applied -> {
                            if (applied) {
                                lag.add(System.nanoTime() - t1);
                            } else {
                                lag.fail();
                            }
                        });
                    })
                    .thenCompose(read -> read);
            synchronized (pending) {
                pending.add(rating);
            }
        }
        double offeredSeconds = (System.nanoTime() - started) / 1e9;
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<CompletableFuture<Boolean>> drain = new ArrayList<>();
        synchronized (recent) {
            recent.forEach(read -> drain.add(visible(read[0], read[1])));
        }
        boolean drained = drain.stream().allMatch(CompletableFuture::join);
        double drainMillis = (System.nanoTime() - lastCreated.get()) / 1e6;
        if (report) {
            System.out.printf(
                    "offered %,d ratings in %.1f s (%,d/s, open loop: sent on schedule whatever the answers)%n",
                    total, offeredSeconds, rate);
            posts.print("rate POST", elapsed);
            if (sample > 0) {
                System.out.println(lag.report("201->visible", elapsed) + "   (every " + sample + "th rating read)");
                System.out.printf(
                        "drain: the last %d ratings answered %s %.0f ms after the last 201%n",
                        drain.size(), drained ? "all visible" : "NOT all visible", drainMillis);
            }
        }
    }

    private static final int DRAIN_READS = 64;

    /** A burst's warm-up is offered at most what the service takes, so that it warms up rather than refuses. */
    private static final int WARMUP_RATE = 1_000;

    /** Whether a read with the rating's consistency token shows it: it waits for the projection. */
    private CompletableFuture<Boolean> visible(String spotifyId, String consistencyToken) {
        return sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/songs/" + spotifyId + "/"))
                        .header("X-Consistency-Token", consistencyToken)
                        .timeout(TIMEOUT)
                        .build())
                .handle((read, failure) -> failure == null
                        && read.statusCode() == 200
                        && "applied"
                                .equals(read.headers()
                                        .firstValue("X-Consistency")
                                        .orElse("")));
    }

    private static Exception unwrap(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof Exception e ? e : new RuntimeException(cause);
    }

    private static String body(String songId) {
        return "{\"music\": " + songId + ", \"score\": "
                + ThreadLocalRandom.current().nextInt(1, 6) + "}";
    }

    private HttpResponse<String> post(String path, String json, String token) {
        return send(postRequest(path, json, token));
    }

    private HttpRequest postRequest(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        }
    }
}
