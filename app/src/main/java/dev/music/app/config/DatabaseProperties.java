package dev.music.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.database.*}: how long the statements of an HTTP request may run, and wait for a
 * lock, before PostgreSQL cancels them (and the request answers 503). Projectors, rebuilds,
 * migrations and operator commands ({@code load-music} among them) run without these bounds.
 *
 * @param primaryCheckInterval how often the primary is asked whether it still serves as the
 *     primary ({@code PrimaryWatch}); 0: never
 * @param primaryAnswerTimeout a primary that does not answer that question within this time is
 *     taken for gone: every connection to it is cut, and requests on them answer 503
 */
@ConfigurationProperties("music.database")
public record DatabaseProperties(
        @DefaultValue("5s") Duration requestStatementTimeout,
        @DefaultValue("2s") Duration requestLockTimeout,
        @DefaultValue("250ms") Duration primaryCheckInterval,
        @DefaultValue("1500ms") Duration primaryAnswerTimeout) {}
