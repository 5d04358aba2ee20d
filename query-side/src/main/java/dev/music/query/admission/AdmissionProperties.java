package dev.music.query.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.reads.*}: how many catalog reads a node runs at once (about the database's cores
 * and a few more, for the time a read spends outside the database), how many may wait for their
 * turn, and how long one waits before it is answered 503.
 */
@ConfigurationProperties("music.reads")
public record AdmissionProperties(
        @DefaultValue("8") int concurrency,
        @DefaultValue("32") int queue,
        @DefaultValue("500ms") Duration maxWait) {}
