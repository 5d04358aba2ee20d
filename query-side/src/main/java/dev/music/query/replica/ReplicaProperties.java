package dev.music.query.replica;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.replica.*}: streaming replicas of the primary database for the catalog's reads.
 *
 * @param url JDBC URLs of the replicas, comma-separated ({@code MUSIC_REPLICA_URL}); none: the
 *     primary serves every read
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
        url = url.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
    }
}
