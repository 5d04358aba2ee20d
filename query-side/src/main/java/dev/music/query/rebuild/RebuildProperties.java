package dev.music.query.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.projection.rebuild.*}: {@code claim-hold} is how long a rebuild keeps the
 * projection's segments after its swap when a node held any, so that a node still streaming from
 * its old position finds them taken and lets go.
 */
@ConfigurationProperties("music.projection.rebuild")
public record RebuildProperties(@DefaultValue("3s") Duration claimHold) {}
