package dev.music.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongFilter;
import dev.music.query.statistics.CatalogStatistics;
import dev.music.query.statistics.StatisticsQuery;
import dev.music.query.web.SongQueryParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The charts' statistics ({@code GET /api/statistics/}) over the whole filtered catalog: a seeded
 * list of filters (none, feature ranges, title terms, a rating bound), each new to the service
 * (the seed is in their values: run a new seed, or a fresh service, to measure first requests
 * again). Asks each once over HTTP, one at a time: what a page's first view of a filter costs;
 * then the same statistics computed by the service's own statements over JDBC, with nothing
 * remembered, as the yardstick; then the remembered answers from {@code --clients} over HTTP;
 * then checks that the service's answers equal the statements' own.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.StatisticsBench --base http://localhost:8080 \
 *     --database 'jdbc:postgresql://127.0.0.1:5432/music?user=postgres' --filters 30 --clients 8 --seconds 20</pre>
 */
public final class StatisticsBench {

    private StatisticsBench() {}

    public static void main(String[] args) throws Exception {
        String base = Bench.option(args, "--base", "http://localhost:8080");
        String database = Bench.option(args, "--database", null);
        int size = Integer.parseInt(Bench.option(args, "--filters", "30"));
        int clients = Integer.parseInt(Bench.option(args, "--clients", "8"));
        int seconds = Integer.parseInt(Bench.option(args, "--seconds", "20"));
        long seed = Long.parseLong(Bench.option(args, "--seed", "1"));
        if (database == null) {
            System.out.println("--database is required: the filters' title terms come from the catalog");
            System.exit(2);
        }
        List<String> filters = filters(size, seed, titleWords(database, seed));
        System.out.printf("statistics: %d filters, e.g. %s%n", filters.size(), filters.subList(0, 6));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> answers = new ConcurrentHashMap<>();
        Stats first = new Stats();
        long started = System.nanoTime();
        for (String filter : filters) {
            first.time(() -> {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/statistics/?" + filter))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.out.println("  " + filter + ": " + response.statusCode() + " " + response.body());
                    return false;
                }
                answers.put(filter, response.body());
                return true;
            });
        }
        first.elapsed((System.nanoTime() - started) / 1e9);
        System.out.println(first.report("first request", first.elapsedSeconds()) + "   (1 client)");

        SingleConnectionDataSource connection = new SingleConnectionDataSource(database, true);
        JdbcTemplate jdbc = new JdbcTemplate(connection);
        jdbc.query(SearchBench.SERVICE_SESSION, row -> {});
        StatisticsQuery statements = new StatisticsQuery(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(connection)),
                SearchProperties.remembering(0));
        Map<String, CatalogStatistics> computed = new ConcurrentHashMap<>();
        Stats sql = new Stats();
        started = System.nanoTime();
        for (String filter : filters) {
            sql.time(() -> {
                computed.put(filter, statements.of(filter(filter), 500));
                return true;
            });
        }
        sql.elapsed((System.nanoTime() - started) / 1e9);
        System.out.println(sql.report("its statements", sql.elapsedSeconds()) + "   (JDBC, nothing remembered)");
        System.out.printf(
                "ratio first requests/its statements (time for all): %.2f%n",
                first.elapsedSeconds() / sql.elapsedSeconds());

        AtomicInteger next = new AtomicInteger();
        Stats remembered = ClosedLoop.run(clients, seconds, () -> () -> {
            String filter = filters.get(Math.floorMod(next.getAndIncrement(), filters.size()));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/statistics/?" + filter))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        });
        System.out.println(
                remembered.report("remembered", remembered.elapsedSeconds()) + "   (" + clients + " clients)");

        ObjectMapper json = new ObjectMapper();
        int equal = 0;
        String firstDifference = null;
        for (String filter : filters) {
            String answer = answers.get(filter);
            // read back from text, as the answer is: numbers then have the same node types
            JsonNode expected = json.readTree(json.writeValueAsString(computed.get(filter)));
            if (answer != null && json.readTree(answer).equals(expected)) {
                equal++;
            } else if (firstDifference == null) {
                firstDifference = "\"" + filter + "\": " + difference(answer, expected.toString());
            }
        }
        System.out.printf(
                "equal answers: %d of %d filters' statistics equal those of the statements%s%n",
                equal, filters.size(), firstDifference == null ? "" : "; first not: " + firstDifference);
        Bench.printResidentMemory(Bench.option(args, "--pid", null));
        System.exit(0);
    }

    /** Where two answers part: the first differing character's context in each. */
    private static String difference(String answer, String expected) {
        if (answer == null) {
            return "no answer";
        }
        int at = 0;
        while (at < Math.min(answer.length(), expected.length()) && answer.charAt(at) == expected.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 40);
        return "service …" + answer.substring(from, Math.min(answer.length(), at + 40)) + "… statements …"
                + expected.substring(from, Math.min(expected.length(), at + 40)) + "…";
    }

    private static SongFilter filter(String query) {
        return SongQueryParameters.filter(
                UriComponentsBuilder.fromUriString("/?" + query).build().getQueryParams());
    }

    /** Words of a sample of the catalog's titles, for title terms. */
    private static List<String> titleWords(String database, long seed) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(database, true));
        List<String> words = new ArrayList<>();
        jdbc.query("select title from songs tablesample system (1) repeatable (" + seed + ") limit 500", row -> {
            for (String word : row.getString(1).split("[^\\p{L}\\p{N}]+")) {
                if (word.length() >= 3) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        });
        return words.isEmpty() ? List.of("love") : words;
    }

    /** The workload's filters, the same for a seed; the first has none. */
    static List<String> filters(int size, long seed, List<String> words) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> filters = new ArrayList<>(List.of(""));
        while (filters.size() < size) {
            double low = Math.round(random.nextDouble(0.05, 0.6) * 1000) / 1000.0;
            String filter = switch (filters.size() % 5) {
                case 0 -> "min_energy=" + low;
                case 1 -> "min_tempo=" + (int) (60 + low * 100) + "&max_tempo=" + (int) (120 + low * 100);
                case 2 -> "title=" + words.get(random.nextInt(words.size()));
                case 3 -> "min_danceability=" + low + "&max_energy=" + (low + 0.3);
                default -> "min_average_rating=" + Math.round(low * 5 * 100) / 100.0;
            };
            if (!filters.contains(filter)) {
                filters.add(filter);
            }
        }
        return filters;
    }
}
