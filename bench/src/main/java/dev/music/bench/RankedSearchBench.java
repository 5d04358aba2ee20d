package dev.music.bench;

import dev.music.query.paging.PageRequest;
import dev.music.query.search.RankedSearch;
import dev.music.query.search.Typos;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.TitleWords;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The ranked search workload ({@code GET /api/search/}): queries of one to three catalog words,
 * half of the longer words with a typo of each kind in turn (a transposition, a deletion, an
 * insertion, a substitution), a quarter of the queries ending in a prefix, some folded
 * differently (upper case, accents dropped), one in ten a word no title has. Runs one client, then
 * {@code --clients}, over HTTP; then the service's own statements over JDBC, as the yardstick;
 * then checks the count of a sample of queries against the rules applied in Java to every title of
 * the database.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.RankedSearchBench --base http://localhost:8080 \
 *     --database 'jdbc:postgresql://127.0.0.1:5432/music?user=postgres' --clients 16 --seconds 30</pre>
 */
public final class RankedSearchBench {

    private RankedSearchBench() {}

    public static void main(String[] args) throws Exception {
        String base = Bench.option(args, "--base", "http://localhost:8080");
        String database = Bench.option(args, "--database", null);
        int clients = Integer.parseInt(Bench.option(args, "--clients", "16"));
        int seconds = Integer.parseInt(Bench.option(args, "--seconds", "30"));
        int warmup = Integer.parseInt(Bench.option(args, "--warmup", "10"));
        List<String> queries = queries(1_000, Long.parseLong(Bench.option(args, "--seed", "1")));
        System.out.printf(
                "ranked search: %,d queries, e.g. %s; %d s each after %d s warm-up%n",
                queries.size(), queries.subList(0, 8), seconds, warmup);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8))
                .build();
        Pattern count = Pattern.compile("^\\{\"count\":(\\d+)");
        Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
        Query overHttp = query -> {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    base + "/api/search/?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher found = count.matcher(response.body());
            if (response.statusCode() == 200 && found.find()) {
                counts.put(query, Long.parseLong(found.group(1)));
                return true;
            }
            return false;
        };
        run("warm-up", queries, clients, warmup, () -> overHttp);
        run("one at a time", queries, 1, seconds, () -> overHttp);
        Stats service = run("ranked search HTTP", queries, clients, seconds, () -> overHttp);
        if (database == null) {
            System.out.println("(no --database: SQL not compared, counts not checked)");
        } else {
            // Shared by all clients, as the service's connections share its memory.
            CatalogCounts shared = new CatalogCounts(10_000);
            run("warm-up SQL", queries, clients, warmup, () -> overJdbc(database, shared));
            Stats raw = run(
                    "the service's statements over JDBC", queries, clients, seconds, () -> overJdbc(database, shared));
            System.out.printf("ratio service/its statements: %.2f%n", service.throughput() / raw.throughput());
            check(queries, counts, database, Integer.parseInt(Bench.option(args, "--check", "100")));
        }
        Bench.printResidentMemory(Bench.option(args, "--pid", null));
        System.exit(0);
    }

    @FunctionalInterface
    private interface Query {
        boolean send(String query) throws Exception;
    }

    @FunctionalInterface
    private interface QueryFactory {
        Query create() throws Exception;
    }

    private static Query overJdbc(String url, CatalogCounts counts) {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(url, true);
        JdbcTemplate jdbc = new JdbcTemplate(connection);
        jdbc.query(SearchBench.SERVICE_SESSION, row -> {});
        RankedSearch search = new RankedSearch(jdbc, counts, 50_000);
        return query -> {
            search.search(query, List.of(), new PageRequest("1", 25));
            return true;
        };
    }

    private static Stats run(String name, List<String> queries, int clients, int seconds, QueryFactory factory)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        Stats stats = ClosedLoop.run(clients, seconds, () -> {
            Query query = factory.create();
            return () -> query.send(queries.get(Math.floorMod(next.getAndIncrement(), queries.size())));
        });
        if (!name.startsWith("warm-up")) {
            System.out.println(stats.report(name, stats.elapsedSeconds()) + "   (" + clients + " clients)");
        }
        return stats;
    }

    /**
     * The counts the service gave for a sample of the queries against the matching rules applied
     * in Java to the words of every title in the database.
     */
    private static void check(List<String> queries, Map<String, Long> counts, String url, int sample) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(url, true));
        List<List<String>> titles = new ArrayList<>();
        Set<String> vocabulary = new HashSet<>();
        jdbc.query("select title from songs", row -> {
            List<String> words = TitleWords.of(row.getString(1));
            titles.add(words);
            vocabulary.addAll(words);
        });
        int equal = 0;
        int checked = 0;
        String first = null;
        for (int k = 0; k < sample; k++) {
            String query = queries.get(k * queries.size() / sample);
            Long service = counts.get(query);
            if (service == null) {
                continue;
            }
            List<String> words = TitleWords.of(query);
            List<Set<String>> matching = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                Set<String> matches = new HashSet<>();
                String word = words.get(i);
                for (String candidate : vocabulary) {
                    boolean prefix = i == words.size() - 1 && candidate.startsWith(word);
                    if (prefix || Typos.distance(word, candidate, Typos.budget(word)) <= Typos.budget(word)) {
                        matches.add(candidate);
                    }
                }
                matching.add(matches);
            }
            long expected = words.isEmpty()
                    ? 0
                    : titles.stream()
                            .filter(title -> matching.stream()
                                    .allMatch(m -> title.stream().anyMatch(m::contains)))
                            .count();
            checked++;
            if (expected == service) {
                equal++;
            } else if (first == null) {
                first = query + ": service " + service + ", rules " + expected;
            }
        }
        System.out.printf(
                "exact counts: %d of %d queries' counts equal the rules applied to every title (%,d titles, %,d distinct"
                        + " words)%s%n",
                equal, checked, titles.size(), vocabulary.size(), first == null ? "" : "; first not: " + first);
    }

    /** The workload's queries, the same for a seed. */
    static List<String> queries(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> words = new ArrayList<>();
        for (String[] list :
                List.of(CatalogGenerator.adjectives(), CatalogGenerator.nouns(), CatalogGenerator.artists())) {
            for (String phrase : list) {
                words.addAll(List.of(phrase.split(" ")));
            }
        }
        List<String> queries = new ArrayList<>();
        for (int q = 0; q < size; q++) {
            if (random.nextInt(10) == 0) {
                queries.add(SearchMix.noMatch(random, 4, 6));
                continue;
            }
            int count = 1 + random.nextInt(3);
            List<String> query = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                String word = words.get(random.nextInt(words.size()));
                int length = word.codePointCount(0, word.length());
                if (length >= 4 && random.nextInt(2) == 0) {
                    word = typo(word, random.nextInt(4), random);
                }
                if (random.nextInt(8) == 0) {
                    word = word.toUpperCase(java.util.Locale.ROOT);
                }
                query.add(word);
            }
            String last = query.get(query.size() - 1);
            int lastLength = last.codePointCount(0, last.length());
            if (lastLength >= 3 && random.nextInt(4) == 0) {
                query.set(
                        query.size() - 1,
                        last.substring(0, last.offsetByCodePoints(0, 2 + random.nextInt(lastLength - 2))));
            }
            queries.add(String.join(" ", query));
        }
        return queries;
    }

    /** One typo: 0 a transposition, 1 a deletion, 2 an insertion, 3 a substitution, at a random place. */
    private static String typo(String word, int kind, SplittableRandom random) {
        int[] c = word.codePoints().toArray();
        int at = 1 + random.nextInt(c.length - 2);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            switch (kind) {
                case 0 -> out.appendCodePoint(i == at ? c[at + 1] : i == at + 1 ? c[at] : c[i]);
                case 1 -> {
                    if (i != at) {
                        out.appendCodePoint(c[i]);
                    }
                }
                case 2 -> {
                    out.appendCodePoint(c[i]);
                    if (i == at) {
                        out.append('e');
                    }
                }
                default -> out.appendCodePoint(i == at ? (c[i] == 'a' ? 'o' : 'a') : c[i]);
            }
        }
        return out.toString();
    }
}
