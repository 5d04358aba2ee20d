package dev.music.query.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code music.consistency.*}: how long a read with a consistency token waits at most for the write to show. */
@ConfigurationProperties("music.consistency")
public record ConsistencyProperties(@DefaultValue("2s") Duration maxWait) {}
