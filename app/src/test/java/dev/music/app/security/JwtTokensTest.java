package dev.music.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.music.command.account.AuthProperties;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Verified tokens are remembered: the remembered answer must be the parser's, at every moment. */
class JwtTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final JwtTokens tokens = new JwtTokens(
            Keys.hmacShaKeyFor("a signing key of at least 32 bytes for tests".getBytes(StandardCharsets.UTF_8)),
            new AuthProperties(true, Duration.ofMinutes(60), Duration.ofDays(1)),
            clock);

    @Test
    void aRememberedTokenExpiresWhenItsExpiryPasses() {
        String access = tokens.access(7);
        assertThat(tokens.verify(access, JwtTokens.ACCESS)).isEqualTo(7);

        clock.now = clock.now.plus(Duration.ofMinutes(60));
        assertThat(tokens.verify(access, JwtTokens.ACCESS))
                .as("valid up to its exp, as the parser judges")
                .isEqualTo(7);

        clock.now = clock.now.plusSeconds(1);
        assertThatThrownBy(() -> tokens.verify(access, JwtTokens.ACCESS))
                .isInstanceOf(JwtTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(access, JwtTokens.ACCESS))
                .as("and again, once forgotten")
                .isInstanceOf(JwtTokens.InvalidTokenException.class);
    }

    @Test
    void aRememberedTokenKeepsItsType() {
        String access = tokens.access(7);
        String refresh = tokens.refresh(7);
        assertThat(tokens.verify(access, JwtTokens.ACCESS)).isEqualTo(7);
        assertThatThrownBy(() -> tokens.verify(access, JwtTokens.REFRESH))
                .isInstanceOf(JwtTokens.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(refresh, JwtTokens.ACCESS))
                .as("a refresh token first verified as an access token")
                .isInstanceOf(JwtTokens.InvalidTokenException.class);
        assertThat(tokens.verify(refresh, JwtTokens.REFRESH)).isEqualTo(7);
    }

    @Test
    void anAlteredTokenIsCheckedOnItsOwn() {
        String access = tokens.access(7);
        assertThat(tokens.verify(access, JwtTokens.ACCESS)).isEqualTo(7);
        String[] parts = access.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String forged = parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        assertThatThrownBy(() -> tokens.verify(forged, JwtTokens.ACCESS))
                .isInstanceOf(JwtTokens.InvalidTokenException.class);
        JwtTokens other = new JwtTokens(
                Keys.hmacShaKeyFor("another signing key of at least 32 bytes".getBytes(StandardCharsets.UTF_8)),
                new AuthProperties(true, Duration.ofMinutes(60), Duration.ofDays(1)),
                clock);
        assertThatThrownBy(() -> other.verify(access, JwtTokens.ACCESS))
                .as("what one key verified is nothing to another")
                .isInstanceOf(JwtTokens.InvalidTokenException.class);
    }

    @Test
    void manyTokensAreRememberedWithinBounds() {
        for (int i = 0; i < JwtTokens.REMEMBERED + 10; i++) {
            String access = tokens.access(i);
            assertThat(tokens.verify(access, JwtTokens.ACCESS)).isEqualTo(i);
            assertThat(tokens.remembered()).isBetween(1, JwtTokens.REMEMBERED);
        }
        assertThat(tokens.remembered()).as("started afresh past the bound").isLessThan(JwtTokens.REMEMBERED);
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
