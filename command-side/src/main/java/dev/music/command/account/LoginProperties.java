package dev.music.command.account;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.auth.login.*}: the failed sign-ins {@code POST /api/token/} takes within the window,
 * per username and per client address, before it answers 429; and the proxies whose
 * {@code X-Forwarded-For} names the client (IP addresses or CIDR ranges; none by default).
 */
@ConfigurationProperties("music.auth.login")
public record LoginProperties(
        @DefaultValue("10") int userFailures,
        @DefaultValue("100") int addressFailures,
        @DefaultValue("15m") Duration window,
        @DefaultValue List<String> trustedProxies) {}
