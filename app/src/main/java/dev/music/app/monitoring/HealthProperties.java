package dev.music.app.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.health.*}: readiness is out of service on a projecting node while its projection
 * lags more than {@code maxProjectionLag} (0 switches that check off).
 */
@ConfigurationProperties("music.health")
public record HealthProperties(@DefaultValue("30s") Duration maxProjectionLag) {}
