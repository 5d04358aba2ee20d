package dev.music.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.postgresql.Driver;

/**
 * A failover of the primary database under rating load, measured from outside: {@code --clients}
 * clients rate songs against a running service for {@code --seconds}; after {@code --fault-after}
 * seconds the {@code --fault} shell command fails the primary (kills its host's processes, or
 * asks the failover manager to fail over). Meanwhile the bench asks {@code --database} (the
 * service's multi-host URL, {@code targetServerType=primary}) every 100 ms which host is the
 * primary, and a raw SQL client appends rows there the way the service appends events, reconnecting
 * after every failure. It prints the answers by status while no primary existed, the time from
 * the new primary's first answer to the service's first 201 and to the raw client's first insert
 * (their ratio: what the service adds to the driver's own failover), and every rating answered
 * 201 looked up in the new primary's event store: the number missing.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.FailoverBench --base http://localhost:8080 \
 *     --database 'jdbc:postgresql://localhost:6001,localhost:6002/music?user=postgres&amp;targetServerType=primary' \
 *     --fault 'pkill -KILL -f "pg_autoctl run --pgdata /tmp/pgaf/node1"; pkill -KILL -f "postgres -D /tmp/pgaf/node1"'</pre>
 */
public final class FailoverBench {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Answer(long started, long ended, int status, long position) {}

    private record Primary(long at, String host) {}

    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Primary> primaries = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> rawInserts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);

    public static void main(String[] args) throws Exception {
        String base = Bench.option(args, "--base", "http://localhost:8080");
        String database = Bench.option(args, "--database", null);
        String fault = Bench.option(args, "--fault", null);
        if (database == null || fault == null) {
            throw new IllegalArgumentException("--database (the service's multi-host URL) and --fault are required");
        }
        int clients = Integer.parseInt(Bench.option(args, "--clients", "16"));
        int seconds = Integer.parseInt(Bench.option(args, "--seconds", "60"));
        int faultAfter = Integer.parseInt(Bench.option(args, "--fault-after", "10"));
        new FailoverBench().run(base, database, fault, clients, seconds, faultAfter);
        System.exit(0);
    }

    private void run(String base, String database, String fault, int clients, int seconds, int faultAfter)
            throws Exception {
        RatingBench service = new RatingBench(base);
        List<String> tokens = service.signUp(clients);
        List<String[]> songs = service.songs();
        prepareRawTable(database);
        List<Thread> threads = new ArrayList<>();
        for (String token : tokens) {
            threads.add(started(() -> rate(base, token, songs)));
        }
        threads.add(started(() -> watchPrimary(database)));
        threads.add(started(() -> insertRaw(database)));
        long start = System.nanoTime();
        Thread.sleep(faultAfter * 1000L);
        Process strike = new ProcessBuilder("bash", "-c", fault).inheritIO().start();
        int exit = strike.waitFor();
        long struck = System.nanoTime(); // the command's last act is the fault
        System.out.printf("fault at %.1f s: %s (exit %d)%n", (struck - start) / 1e9, fault, exit);
        Thread.sleep(Math.max(0, seconds * 1000L - (System.nanoTime() - start) / 1_000_000));
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TIMEOUT.toMillis());
        }
        report(database, start, struck);
    }

    private void rate(String base, String token, List<String[]> songs) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        while (running.get()) {
            String[] song = songs.get(ThreadLocalRandom.current().nextInt(songs.size()));
            String body = "{\"music\": " + song[0] + ", \"score\": "
                    + ThreadLocalRandom.current().nextInt(1, 6) + "}";
            long started = System.nanoTime();
            int status;
            long position = -1;
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/rating/"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .timeout(TIMEOUT)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                String consistency =
                        response.headers().firstValue("X-Consistency-Token").orElse("");
                if (status == 201) {
                    position = Long.parseLong(consistency.substring(0, consistency.indexOf(':')));
                }
            } catch (Exception e) {
                status = -1;
            }
            answers.add(new Answer(started, System.nanoTime(), status, position));
            if (status != 201) {
                pause(100);
            }
        }
    }

    /**
     * Which host answers as the primary, every 100 ms: each of the URL's hosts asked on its own
     * (a new connection, 1 s to answer), the primary being the one that is neither in recovery
     * nor read-only (a failover manager keeps a promoted node read-only until the old primary is
     * fenced). A change of host is a promotion.
     */
    private void watchPrimary(String database) {
        List<String> hosts = hostUrls(database);
        String last = null;
        while (running.get()) {
            String host = null;
            for (String url : hosts) {
                if (writable(url)) {
                    host = url.substring(
                            "jdbc:postgresql://".length(), url.indexOf('/', "jdbc:postgresql://".length()));
                    break;
                }
            }
            if (!Objects.equals(host, last)) {
                primaries.add(new Primary(System.nanoTime(), host));
            }
            last = host;
            pause(100);
        }
    }

    /** One single-host URL for each host of {@code database}, with its other settings. */
    private static List<String> hostUrls(String database) {
        Properties parsed = Driver.parseURL(database, null);
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + database);
        }
        String[] hosts = parsed.getProperty("PGHOST").split(",");
        String[] ports = parsed.getProperty("PGPORT").split(",");
        String query = database.contains("?") ? database.substring(database.indexOf('?')) : "";
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            urls.add("jdbc:postgresql://" + hosts[i] + ":" + ports[i] + "/" + parsed.getProperty("PGDBNAME")
                    + query.replace("targetServerType=primary", "targetServerType=any"));
        }
        return urls;
    }

    private static boolean writable(String url) {
        Properties quick = new Properties();
        quick.setProperty("connectTimeout", "1");
        quick.setProperty("socketTimeout", "1");
        quick.setProperty("loginTimeout", "2");
        try (Connection connection = DriverManager.getConnection(url, quick);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select not pg_is_in_recovery() and current_setting('transaction_read_only') = 'off'")) {
            return row.next() && row.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** What the service does for a rating, in raw SQL: one insert and its commit, reconnecting after a failure. */
    private void insertRaw(String database) {
        Connection connection = null;
        while (running.get()) {
            try {
                if (connection == null) {
                    connection = connect(database);
                }
                try (Statement insert = connection.createStatement()) {
                    insert.execute("insert into failover_bench_rows default values");
                }
                rawInserts.add(System.nanoTime());
                pause(10);
            } catch (SQLException e) {
                close(connection);
                connection = null;
                pause(100);
            }
        }
        close(connection);
    }

    private static Connection connect(String database) throws SQLException {
        Properties timeouts = new Properties();
        timeouts.setProperty("connectTimeout", "2");
        timeouts.setProperty("socketTimeout", "2");
        timeouts.setProperty("loginTimeout", "10");
        return DriverManager.getConnection(database, timeouts);
    }

    private static void prepareRawTable(String database) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists failover_bench_rows"
                    + " (id bigint generated always as identity primary key, at timestamptz not null default now())");
        }
    }

    private void report(String database, long start, long struck) throws SQLException {
        List<Answer> all = List.copyOf(answers);
        List<Primary> seen = List.copyOf(primaries);
        Primary before = seen.stream()
                .filter(p -> p.at() < struck && p.host() != null)
                .reduce((a, b) -> b)
                .orElse(null);
        Primary promoted = seen.stream()
                .filter(p -> p.at() > struck
                        && p.host() != null
                        && (before == null || !p.host().equals(before.host())))
                .findFirst()
                .orElse(null);
        Long gone = seen.stream()
                .filter(p -> p.at() > struck && p.host() == null)
                .map(Primary::at)
                .findFirst()
                .orElse(null);
        System.out.printf(
                "primary before: %s; no primary answered from %s; new primary %s%n",
                before == null ? "?" : before.host(),
                gone == null ? "(never)" : String.format("%.1f s", (gone - start) / 1e9),
                promoted == null
                        ? "(none)"
                        : String.format("%s at %.1f s", promoted.host(), (promoted.at() - start) / 1e9));
        long noPrimaryEnd = promoted == null ? Long.MAX_VALUE : promoted.at();
        System.out.println("answers while no primary: "
                + statuses(all.stream()
                        .filter(a -> a.started() > struck && a.ended() < noPrimaryEnd)
                        .toList())
                + ", slowest "
                + all.stream()
                        .filter(a -> a.started() > struck && a.ended() < noPrimaryEnd)
                        .mapToLong(a -> (a.ended() - a.started()) / 1_000_000)
                        .max()
                        .orElse(0)
                + " ms");
        System.out.println("all answers: " + statuses(all) + ", slowest "
                + all.stream()
                        .mapToLong(a -> (a.ended() - a.started()) / 1_000_000)
                        .max()
                        .orElse(0) + " ms");
        if (promoted != null) {
            long service = all.stream()
                    .filter(a -> a.status() == 201 && a.started() > struck && a.ended() > promoted.at())
                    .mapToLong(Answer::ended)
                    .min()
                    .orElse(-1);
            long raw = rawInserts.stream()
                    .filter(at -> at > promoted.at())
                    .mapToLong(Long::longValue)
                    .min()
                    .orElse(-1);
            double serviceSeconds = (service - promoted.at()) / 1e9;
            double rawSeconds = (raw - promoted.at()) / 1e9;
            System.out.printf(
                    "first after the new primary answered: service 201 %.2f s, raw SQL insert %.2f s (ratio %.1f)%n",
                    serviceSeconds, rawSeconds, rawSeconds > 0 ? serviceSeconds / rawSeconds : Double.NaN);
        }
        List<Long> acknowledged = all.stream()
                .filter(a -> a.status() == 201)
                .map(Answer::position)
                .toList();
        Set<Long> stored = new HashSet<>();
        try (Connection connection = connect(database);
                PreparedStatement query = connection.prepareStatement(
                        "select global_index from domain_event_entry where global_index = any(?)")) {
            query.setArray(1, connection.createArrayOf("bigint", acknowledged.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getLong(1));
                }
            }
        }
        long missing = acknowledged.stream().filter(p -> !stored.contains(p)).count();
        System.out.printf(
                "%d ratings answered 201, %d of them missing from the new primary's event store%n",
                acknowledged.size(), missing);
    }

    private static Map<Integer, Long> statuses(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // gone with its server
            }
        }
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
