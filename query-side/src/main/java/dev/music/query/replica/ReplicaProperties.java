package dev.music.query.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.replica.*}: streaming replicas of the primary database for the catalog's reads.
 *
 * @param url JDBC URLs of the replicas, comma-separated ({@code MUSIC_REPLICA_URL}), each one
 *     server or several (pgjdbc's multi-host form); none: the primary serves every read
 * @param username the replicas' user, by default the primary's
 * @param password the replicas' password, by default the primary's
 * @param maxLag a replica further behind the primary than this serves no reads until it catches up
 * @param checkInterval how often each replica's lag is measured
 * @param poolSize connections to each replica; 0: as many as to the primary
 */
@ConfigurationProperties("music.replica")
public record ReplicaProperties(
        @DefaultValue List<String> url,
        String username,
        String password,
        @DefaultValue("5s") Duration maxLag,
        @DefaultValue("500ms") Duration checkInterval,
        @DefaultValue("0") int poolSize) {

    public ReplicaProperties {
        url = replicaUrls(url);
    }

    /**
     * The URLs, whole: a comma-separated setting reaches here cut at every comma, and a URL over
     * several hosts ({@code jdbc:postgresql://r1,r2/music?targetServerType=preferStandby}, one
     * pool over those replicas) has commas of its own. A piece that does not start a URL is the
     * rest of the one before it.
     */
    private static List<String> replicaUrls(List<String> pieces) {
        List<String> urls = new ArrayList<>();
        for (String piece : pieces) {
            String part = piece.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (!urls.isEmpty() && !part.startsWith("jdbc:")) {
                urls.set(urls.size() - 1, urls.get(urls.size() - 1) + "," + part);
            } else {
                urls.add(part);
            }
        }
        return List.copyOf(urls);
    }
}
