package dev.music.app.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients of a running service, each on a thread of its own, recording every answer until they
 * are stopped: raters posting ratings (each signed in as a user of its own) and readers searching
 * the catalog. An answer that never came within {@link #REQUEST_TIMEOUT}, or a connection that
 * failed, is recorded with status -1.
 */
public final class Load implements AutoCloseable {

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> SEARCHES = List.of(
            "/api/music/?title=love",
            "/api/music/?title=th&page_size=10",
            "/api/music/?ordering=-tempo&min_energy=0.5",
            "/api/music/?title=e&ordering=title&page=2",
            "/api/music/?ordering=-average_rating");

    /** One answer: what was asked, when (System.nanoTime), and what came back. */
    public record Answer(String kind, long started, long ended, int status, String retryAfter, String contentType) {

        public long millis() {
            return (ended - started) / 1_000_000;
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /** A rating the service answered 201 for. */
    public record Acknowledged(long userId, long songId, int stars, long position) {}

    /** A rater's account: its id and an access token. */
    public record Rater(long userId, String accessToken) {}

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    public Load(String base, List<Rater> raters, int readers, int songs) {
        this.base = base;
        for (Rater rater : raters) {
            threads.add(started("rater-" + rater.userId(), () -> rate(rater, songs)));
        }
        for (int i = 0; i < readers; i++) {
            int seed = i;
            threads.add(started("reader-" + i, () -> read(seed)));
        }
    }

    private static Thread started(String name, Runnable client) {
        Thread thread = new Thread(client, name);
        thread.start();
        return thread;
    }

    private void rate(Rater rater, int songs) {
        Random random = new Random(rater.userId());
        while (running.get()) {
            long song = 1 + random.nextInt(songs);
            int stars = 1 + random.nextInt(5);
            HttpResponse<String> response = send(
                    "rate",
                    HttpRequest.newBuilder(URI.create(base + "/api/rating/"))
                            .header("Authorization", "Bearer " + rater.accessToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"music\": " + song + ", \"score\": " + stars + "}")));
            if (response != null && response.statusCode() == 201) {
                String token =
                        response.headers().firstValue("X-Consistency-Token").orElseThrow();
                acknowledged.add(new Acknowledged(
                        rater.userId(), song, stars, Long.parseLong(token.substring(0, token.indexOf(':')))));
            }
            pause(10);
        }
    }

    private void read(int seed) {
        Random random = new Random(seed);
        while (running.get()) {
            send("search", HttpRequest.newBuilder(URI.create(base + SEARCHES.get(random.nextInt(SEARCHES.size())))));
            pause(10);
        }
    }

    /** Sends and records one request; the response, or null when none came. */
    public HttpResponse<String> send(String kind, HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            answers.add(new Answer(
                    kind,
                    started,
                    System.nanoTime(),
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null)));
            return response;
        } catch (Exception e) {
            answers.add(new Answer(kind, started, System.nanoTime(), -1, null, e.toString()));
            return null;
        }
    }

    public List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    public List<Acknowledged> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    /** Stops the clients and waits for their last requests. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(REQUEST_TIMEOUT.toMillis() + 5_000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
