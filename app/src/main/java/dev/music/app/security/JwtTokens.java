package dev.music.app.security;

import dev.music.command.account.AuthProperties;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Access and refresh tokens as the earlier API issued them (HS256, claims {@code token_type},
 * {@code exp}, {@code iat}, {@code jti}, {@code user_id}). The two kinds are not interchangeable.
 */
public class JwtTokens {

    public static final String ACCESS = "access";
    public static final String REFRESH = "refresh";

    private final SecretKey key;
    private final AuthProperties properties;
    private final Clock clock;

    public JwtTokens(SecretKey key, AuthProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    public String access(long userId) {
        return issue(userId, ACCESS, properties.accessTokenLifetime().toSeconds());
    }

    public String refresh(long userId) {
        return issue(userId, REFRESH, properties.refreshTokenLifetime().toSeconds());
    }

    /** The user id of a valid, unexpired token of this type; otherwise {@link InvalidTokenException}. */
    public long verify(String token, String expectedType) {
        Claims claims;
        try {
            claims = Jwts.parser()
                    .verifyWith(key)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException();
        }
        if (!expectedType.equals(claims.get("token_type", String.class)) || claims.getExpiration() == null) {
            throw new InvalidTokenException();
        }
        Object userId = claims.get("user_id");
        if (!(userId instanceof Number number)) {
            throw new InvalidTokenException();
        }
        return number.longValue();
    }

    private String issue(long userId, String type, long lifetimeSeconds) {
        Instant now = clock.instant();
        return Jwts.builder()
                .claim("token_type", type)
                .expiration(Date.from(now.plusSeconds(lifetimeSeconds)))
                .issuedAt(Date.from(now))
                .id(UUID.randomUUID().toString().replace("-", ""))
                .claim("user_id", userId)
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /** A token that is malformed, forged, expired or of the other kind. */
    public static class InvalidTokenException extends RuntimeException {
        InvalidTokenException() {
            super("Token is invalid or expired", null, false, false);
        }
    }
}
