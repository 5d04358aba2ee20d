package dev.music.query.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.reads.*}: how many catalog reads a node runs at once (about twice the database's
 * cores: the search mix at a million songs on two cores had its best tail at 4, the same throughput
 * at 16, and a fifth less at 32), how many may wait for their turn (beyond them a read is refused
 * at once), and how long one waits before it is answered 503.
 */
@ConfigurationProperties("music.reads")
public record AdmissionProperties(
        @DefaultValue("4") int concurrency,
        @DefaultValue("32") int queue,
        @DefaultValue("2s") Duration maxWait) {}
