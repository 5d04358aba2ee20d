package dev.music.app.security;

import dev.music.command.account.AuthProperties;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * Access and refresh tokens as the earlier API issued them (HS256, claims {@code token_type},
 * {@code exp}, {@code iat}, {@code jti}, {@code user_id}). The two kinds are not interchangeable.
 */
public class JwtTokens {

    public static final String ACCESS = "access";
    public static final String REFRESH = "refresh";

    /** Verified tokens remembered at most; beyond, the memory starts afresh. */
    static final int REMEMBERED = 10_000;

    private final SecretKey key;
    private final AuthProperties properties;
    private final Clock clock;
    /** Thread-safe and immutable: building one per request cost more than verifying the token. */
    private final JwtParser parser;
    /**
     * Tokens already verified, by their exact text: a client sends the same access token with
     * every request, and parsing and checking it again took a sixth of the service's CPU per
     * rating. An entry is good only until the token's expiry, and only for its own type.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(long userId, String type, Instant expires) {}

    public JwtTokens(SecretKey key, AuthProperties properties, Clock clock) {
        this.key = key;
        this.properties = properties;
        this.clock = clock;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    public String access(long userId) {
        return issue(userId, ACCESS, properties.accessTokenLifetime().toSeconds());
    }

    public String refresh(long userId) {
        return issue(userId, REFRESH, properties.refreshTokenLifetime().toSeconds());
    }

    /** The user id of a valid, unexpired token of this type; otherwise {@link InvalidTokenException}. */
    public long verify(String token, String expectedType) {
        Verified known = verified.get(token);
        if (known != null) {
            // as the parser judges expiry, to the millisecond: valid up to and including its exp
            if (clock.instant().truncatedTo(ChronoUnit.MILLIS).isAfter(known.expires())) {
                verified.remove(token);
                throw new InvalidTokenException();
            }
            if (!known.type().equals(expectedType)) {
                throw new InvalidTokenException();
            }
            return known.userId();
        }
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException();
        }
        String type = claims.get("token_type", String.class);
        if (type == null || claims.getExpiration() == null) {
            throw new InvalidTokenException();
        }
        Object userId = claims.get("user_id");
        if (!(userId instanceof Number number)) {
            throw new InvalidTokenException();
        }
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        verified.put(
                token,
                new Verified(number.longValue(), type, claims.getExpiration().toInstant()));
        if (!expectedType.equals(type)) {
            throw new InvalidTokenException();
        }
        return number.longValue();
    }

    /** How many verified tokens are remembered now. */
    int remembered() {
        return verified.size();
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
