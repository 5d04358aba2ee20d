package dev.music.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code music.jwt.*}: the HMAC key that signs tokens, given as text ({@code MUSIC_JWT_SECRET},
 * at least 32 bytes) or as a file holding it. With neither, the embedded default makes one and
 * keeps it beside its data; with an external database the application refuses to start.
 */
@ConfigurationProperties("music.jwt")
public record JwtProperties(String secret, Path secretFile) {}
