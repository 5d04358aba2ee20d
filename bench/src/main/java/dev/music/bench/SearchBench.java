package dev.music.bench;

import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.PlanThresholds;
import dev.music.query.song.SongSearch;
import dev.music.query.web.SongQueryParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The search workload: {@link SearchMix}'s searches from {@code --clients} concurrent clients
 * for {@code --seconds}, first over HTTP against the running service (and from one client), then
 * as the very SQL the service issues for them (its own query classes, through
 * {@link SongSearch#page}, on plain JDBC connections, one per client) and as naive SQL
 * ({@link NaiveSearch}) on the same database. Prints each, the ratios, whether every search's
 * count equals {@code count(*)}, and the service's resident memory when {@code --pid} names it.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.SearchBench --base http://localhost:8080 \
 *     --database 'jdbc:postgresql://127.0.0.1:5432/music?user=postgres' --clients 32 --seconds 30 --pid PID</pre>
 * {@code SearchBench floor --base …} measures the list route's first page against the same request
 * refused at the security filter.
 */
public final class SearchBench {

    /** The service's default {@code music.search.count-cache-size}. */
    private static final int COUNT_CACHE_SIZE = 10_000;

    /** The session settings the service's connections start with ({@code connection-init-sql} in application.yml). */
    static final String SERVICE_SESSION =
            "select set_config('jit', 'off', false), set_config('max_parallel_workers_per_gather', '0', false),"
                    + " set_config('idle_in_transaction_session_timeout', '30s', false),"
                    + " set_config('random_page_cost', '1.1', false)";

    private SearchBench() {}

    public static void main(String[] args) throws Exception {
        String base = Bench.option(args, "--base", "http://localhost:8080");
        String database = Bench.option(args, "--database", null);
        int clients = Integer.parseInt(Bench.option(args, "--clients", "32"));
        int seconds = Integer.parseInt(Bench.option(args, "--seconds", "30"));
        int warmup = Integer.parseInt(Bench.option(args, "--warmup", "5"));
        long seed = Long.parseLong(Bench.option(args, "--seed", "1"));
        List<SearchMix.Search> mix = SearchMix.of(1_000, seed);
        System.out.printf(
                "search mix: %,d searches (seed %d), %d clients, %d s each (after %d s warm-up)%n",
                mix.size(), seed, clients, seconds, warmup);

        if (args.length > 0 && args[0].equals("slowest")) {
            slowest(mix, database, Integer.parseInt(Bench.option(args, "--top", "25")));
            System.exit(0);
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8))
                .build();
        timeout = Duration.ofSeconds(Long.parseLong(Bench.option(args, "--timeout", "30")));
        if (args.length > 0 && args[0].equals("paced")) {
            paced(
                    mix,
                    http,
                    base,
                    clients,
                    seconds,
                    warmup,
                    Long.parseLong(Bench.option(args, "--pause-ms", "300")),
                    seed);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("overload")) {
            overload(mix, http, base, clients, seconds, warmup);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("floor")) {
            floor(http, base, clients, seconds, warmup);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("replicas")) {
            replicas(mix, http, base, args, clients, seconds, warmup);
            System.exit(0);
        }
        // The service keeps the counts of title and feature filters until the catalog changes, in
        // the database for every node and restart: a first pass over the mix on a new catalog counts
        // every search, later ones (and later runs, on a freshly started service) find them kept.
        onePass("first pass HTTP", mix, clients, () -> overHttp(http, base, new Outcomes()));
        run("warm-up HTTP", mix, clients, warmup, () -> overHttp(http, base, new Outcomes()));
        Outcomes outcomes = new Outcomes();
        Stats service = run("search HTTP", mix, clients, seconds, () -> overHttp(http, base, outcomes));
        outcomes.print("search HTTP", service.elapsedSeconds());
        Outcomes alone = new Outcomes();
        Stats oneAtATime = run("one at a time", mix, 1, seconds, () -> overHttp(http, base, alone));
        alone.print("one at a time", oneAtATime.elapsedSeconds());
        if (database == null) {
            System.out.println("(no --database: SQL not compared, counts not checked)");
        } else {
            checkCounts(mix, Integer.parseInt(Bench.option(args, "--check", "200")), http, base, database);
            CatalogCounts counts = new CatalogCounts(COUNT_CACHE_SIZE);
            onePass("first pass SQL", mix, clients, () -> overJdbc(database, counts));
            run("warm-up SQL", mix, clients, warmup, () -> overJdbc(database, counts));
            Stats raw = run("search SQL", mix, clients, seconds, () -> overJdbc(database, counts));
            System.out.printf("ratio service/SQL throughput: %.2f%n", service.throughput() / raw.throughput());
            // the naive SQL counts and sorts every match each time: a longer run for enough answers
            Stats naive = run("naive SQL", mix, clients, Math.max(seconds, 60), () -> naive(database));
            System.out.printf("ratio service/naive SQL throughput: %.2f%n", service.throughput() / naive.throughput());
        }
        Bench.printResidentMemory(Bench.option(args, "--pid", null));
        System.exit(0);
    }

    /**
     * Runs every search of the mix once, one at a time, as SQL, after a first pass, and lists the
     * slowest: where the time goes, search by search.
     */
    private static void slowest(List<SearchMix.Search> mix, String database, int top) throws Exception {
        Client client = overJdbc(database, new CatalogCounts(COUNT_CACHE_SIZE));
        for (SearchMix.Search search : mix) {
            client.search(search); // a first pass warms this JVM, the connection and the cache
        }
        List<java.util.Map.Entry<Long, String>> timings = new java.util.ArrayList<>();
        Stats stats = new Stats();
        for (SearchMix.Search search : mix) {
            long t0 = System.nanoTime();
            client.search(search);
            long took = System.nanoTime() - t0;
            stats.add(took);
            timings.add(java.util.Map.entry(took, search.path()));
        }
        timings.sort(java.util.Map.Entry.<Long, String>comparingByKey().reversed());
        System.out.println(stats.report(
                "one by one",
                stats.count() == 0
                        ? 1
                        : timings.stream()
                                        .mapToLong(java.util.Map.Entry::getKey)
                                        .sum()
                                / 1e9));
        timings.stream().limit(top).forEach(t -> System.out.printf("%9.1f ms  %s%n", t.getKey() / 1e6, t.getValue()));
    }

    /**
     * The list route's first page against the HTTP floor: the same request with a bearer token
     * that does not verify, which the security filter refuses (401) before any work. Their ratio
     * says how much of a request the service's own stack takes.
     */
    private static void floor(HttpClient http, String base, int clients, int seconds, int warmup) throws Exception {
        List<SearchMix.Search> list = List.of(new SearchMix.Search(java.util.Map.of()));
        Client page = search -> http.send(
                                HttpRequest.newBuilder(URI.create(base + search.path()))
                                        .timeout(timeout)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                == 200;
        Client refused = search -> http.send(
                                HttpRequest.newBuilder(URI.create(base + search.path()))
                                        .timeout(timeout)
                                        .header("Authorization", "Bearer not.a.token")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                == 401;
        String first = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/music/?page_size=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("\"spotify_id\":\"([^\"]+)\"").matcher(first);
        if (!id.find()) {
            throw new IllegalStateException("no song to read: " + first);
        }
        String detailPath = "/api/songs/" + id.group(1) + "/";
        Client detail = search -> http.send(
                                HttpRequest.newBuilder(URI.create(base + detailPath))
                                        .timeout(timeout)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                == 200;
        run("warm-up list", list, clients, warmup, () -> page);
        run("warm-up detail", list, clients, warmup, () -> detail);
        run("warm-up refused", list, clients, warmup, () -> refused);
        Stats listed = run("GET /api/music/", list, clients, seconds, () -> page);
        Stats read = run("GET " + detailPath, list, clients, seconds, () -> detail);
        Stats floor = run("refused (401)", list, clients, seconds, () -> refused);
        System.out.printf("ratio list route/floor throughput: %.2f%n", listed.throughput() / floor.throughput());
        System.out.printf("ratio detail route/floor throughput: %.2f%n", read.throughput() / floor.throughput());
    }

    /**
     * The service's count against {@code count(*)} of the same filter, for {@code sample}
     * searches spread over the mix (each once, one at a time): prints how many are equal and the
     * first that is not.
     */
    private static void checkCounts(
            List<SearchMix.Search> all, int sample, HttpClient http, String base, String database) throws Exception {
        List<SearchMix.Search> mix = new java.util.ArrayList<>();
        for (int i = 0; i < sample && i < all.size(); i++) {
            mix.add(all.get((int) ((long) i * all.size() / Math.min(sample, all.size()))));
        }
        NaiveSearch naive = new NaiveSearch(new JdbcTemplate(new SingleConnectionDataSource(database, true)));
        java.util.regex.Pattern count = java.util.regex.Pattern.compile("^\\{\"count\":(\\d+)");
        int equal = 0;
        String first = null;
        for (SearchMix.Search search : mix) {
            MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
            search.parameters().forEach(parameters::add);
            parameters.remove("page");
            long expected = naive.count(SongQueryParameters.filter(parameters));
            String path = search.path().replaceAll("[?&]page=\\d+", "").replaceFirst("^(/api/music/)&", "$1?");
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(base + path)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            java.util.regex.Matcher found = count.matcher(body);
            if (found.find() && Long.parseLong(found.group(1)) == expected) {
                equal++;
            } else if (first == null) {
                first = path + ": service " + body.substring(0, Math.min(60, body.length())) + ", count(*) " + expected;
            }
        }
        System.out.printf(
                "exact counts: %d of %d searches' counts equal count(*)%s%n",
                equal, mix.size(), first == null ? "" : "; first not: " + first);
    }

    /** The naive SQL of a search ({@link NaiveSearch}), on a connection of the client's own. */
    private static Client naive(String url) {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(url, true);
        JdbcTemplate jdbc = new JdbcTemplate(connection);
        jdbc.query(SERVICE_SESSION, row -> {});
        NaiveSearch naive = new NaiveSearch(jdbc);
        return search -> {
            MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
            search.parameters().forEach(parameters::add);
            naive.page(
                    SongQueryParameters.filter(parameters),
                    SongQueryParameters.ordering(parameters),
                    PageRequest.from(parameters));
            return true;
        };
    }

    /**
     * A page of a search as the service's list route finds it, on a connection of the client's
     * own, with the counts all clients remember, as the service's connections share its memory.
     */
    private static Client overJdbc(String url, CatalogCounts counts) {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(url, true);
        JdbcTemplate jdbc = new JdbcTemplate(connection);
        jdbc.query(SERVICE_SESSION, row -> {});
        SongSearch songs = new SongSearch(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(connection)),
                counts,
                PlanThresholds.DEFAULT,
                null);
        return search -> {
            MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
            search.parameters().forEach(parameters::add);
            // a page past the end (404 Invalid page from the service) counts as answered, as over HTTP
            songs.page(
                    SongQueryParameters.filter(parameters),
                    SongQueryParameters.ordering(parameters),
                    PageRequest.from(parameters));
            return true;
        };
    }

    /** The load tool's timeout of a request: above the slowest answer, so that no tail is hidden. */
    private static Duration timeout = Duration.ofSeconds(30);

    private static Client overHttp(HttpClient http, String base) {
        return overHttp(http, base, new Outcomes());
    }

    /** A search over HTTP, each answer's status and latency (or its timeout) told to {@code outcomes}. */
    private static Client overHttp(HttpClient http, String base, Outcomes outcomes) {
        return search -> {
            long t0 = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(URI.create(base + search.path()))
                                .timeout(timeout)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                outcomes.failed(e);
                throw e;
            }
            // 404 Invalid page: a later page of a search with fewer results, answered as the SQL side answers it
            boolean expected = response.statusCode() == 200
                    || response.statusCode() == 404 && response.body().contains("Invalid page.");
            outcomes.answered(
                    expected ? 200 : response.statusCode(),
                    System.nanoTime() - t0,
                    response.headers().firstValue("Retry-After").isPresent());
            return expected;
        };
    }

    /**
     * Latency at a stated offered load: {@code clients} clients, each pausing {@code pauseMillis}
     * after every answer (16 × 300 ms: about 50 searches a second), first the mix, then the
     * filtered and ordered variants ({@link SearchMix#variants}).
     */
    private static void paced(
            List<SearchMix.Search> mix,
            HttpClient http,
            String base,
            int clients,
            int seconds,
            int warmup,
            long pauseMillis,
            long seed)
            throws Exception {
        System.out.printf("paced: %d clients, each pausing %d ms after every answer%n", clients, pauseMillis);
        for (var workload : List.of(Map.entry("mix", mix), Map.entry("variants", SearchMix.variants(1_000, seed)))) {
            List<SearchMix.Search> searches = workload.getValue();
            AtomicInteger next = new AtomicInteger();
            ClosedLoop.run(clients, warmup, pauseMillis, () -> {
                Client client = overHttp(http, base);
                return () -> client.search(searches.get(Math.floorMod(next.getAndIncrement(), searches.size())));
            });
            Outcomes outcomes = new Outcomes();
            Stats stats = ClosedLoop.run(clients, seconds, pauseMillis, () -> {
                Client client = overHttp(http, base, outcomes);
                return () -> client.search(searches.get(Math.floorMod(next.getAndIncrement(), searches.size())));
            });
            System.out.println(stats.report("paced " + workload.getKey(), stats.elapsedSeconds()) + "   (" + clients
                    + " clients, " + pauseMillis + " ms pauses)");
            outcomes.print("paced " + workload.getKey(), stats.elapsedSeconds());
        }
    }

    /**
     * Beyond capacity: {@code clients} clients (256, say) closed-loop. Every answer should be a 200,
     * or for the share above capacity a fast 503 with Retry-After; no timeout, no reset.
     */
    private static void overload(
            List<SearchMix.Search> mix, HttpClient http, String base, int clients, int seconds, int warmup)
            throws Exception {
        run("warm-up HTTP", mix, Math.min(clients, 32), warmup, () -> overHttp(http, base));
        Outcomes outcomes = new Outcomes();
        Stats stats = run("overload HTTP", mix, clients, seconds, () -> overHttp(http, base, outcomes));
        outcomes.print("overload", stats.elapsedSeconds());
    }

    /**
     * The mix against a node that reads the primary ({@code --base}) and one that reads a replica
     * of it ({@code --replica-base}), in turns (primary, replica, primary, replica) on the same
     * data, after a first pass over each; with {@code --database} and {@code --replica-database}
     * also the scans of the catalog's tables that each server counted during the replica's turns.
     */
    private static void replicas(
            List<SearchMix.Search> mix,
            HttpClient http,
            String base,
            String[] args,
            int clients,
            int seconds,
            int warmup)
            throws Exception {
        String replicaBase = Bench.option(args, "--replica-base", null);
        String database = Bench.option(args, "--database", null);
        String replicaDatabase = Bench.option(args, "--replica-database", null);
        Client primary = overHttp(http, base);
        Client replica = overHttp(http, replicaBase);
        onePass("first pass, primary", mix, clients, () -> primary);
        onePass("first pass, replica", mix, clients, () -> replica);
        double[] total = {0, 0};
        long[] scans = {0, 0};
        for (int turn = 0; turn < 4; turn++) {
            boolean onReplica = turn % 2 == 1;
            Client client = onReplica ? replica : primary;
            run("warm-up HTTP", mix, clients, warmup, () -> client);
            long[] before = onReplica ? scans(database, replicaDatabase) : null;
            Stats stats = run(onReplica ? "reads on replica" : "reads on primary", mix, clients, seconds, () -> client);
            total[turn % 2] += stats.throughput();
            if (onReplica && before != null) {
                long[] after = scans(database, replicaDatabase);
                scans[0] += after[0] - before[0];
                scans[1] += after[1] - before[1];
            }
        }
        System.out.printf("ratio replica/primary throughput (mean of two turns each): %.2f%n", total[1] / total[0]);
        if (database != null && replicaDatabase != null) {
            System.out.printf(
                    "scans of songs and song_rankings during the replica's turns: primary %,d, replica %,d%n",
                    scans[0], scans[1]);
        }
    }

    /** The scans each server counted on the catalog's tables; null without both databases. */
    private static long[] scans(String primary, String replica) throws InterruptedException {
        if (primary == null || replica == null) {
            return null;
        }
        Thread.sleep(1_500); // a server's statistics reach its views within a second of each statement
        long[] scans = new long[2];
        List<String> urls = List.of(primary, replica);
        for (int i = 0; i < 2; i++) {
            SingleConnectionDataSource connection = new SingleConnectionDataSource(urls.get(i), true);
            try {
                Long count = new JdbcTemplate(connection)
                        .queryForObject(
                                "select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)"
                                        + " from pg_stat_user_tables where relname in ('songs', 'song_rankings')",
                                Long.class);
                scans[i] = count == null ? 0 : count;
            } finally {
                connection.destroy();
            }
        }
        return scans;
    }

    private static Stats run(
            String name, List<SearchMix.Search> mix, int clients, int seconds, ClientFactory clientFactory)
            throws Exception {
        if (seconds <= 0) {
            return new Stats();
        }
        AtomicInteger next = new AtomicInteger();
        Stats stats = ClosedLoop.run(clients, seconds, () -> {
            Client client = clientFactory.create();
            return () -> client.search(mix.get(Math.floorMod(next.getAndIncrement(), mix.size())));
        });
        if (!name.startsWith("warm-up")) {
            System.out.println(stats.report(name, stats.elapsedSeconds()) + "   (" + clients + " clients)");
        }
        return stats;
    }

    /** Every search of the mix once, from {@code clients} clients: the time it takes, and the figures. */
    private static void onePass(String name, List<SearchMix.Search> mix, int clients, ClientFactory clientFactory)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        Stats stats = new Stats();
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                Client client = clientFactory.create();
                for (int i = next.getAndIncrement(); i < mix.size(); i = next.getAndIncrement()) {
                    SearchMix.Search search = mix.get(i);
                    stats.time(() -> client.search(search));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.println(stats.report(name, elapsed) + "   (" + clients + " clients, each search once)");
    }

    @FunctionalInterface
    private interface Client {
        boolean search(SearchMix.Search search) throws Exception;
    }

    @FunctionalInterface
    private interface ClientFactory {
        Client create() throws Exception;
    }
}
