package dev.music.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.command.account.LoginProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        assertThat(addressOf(List.of(), "198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        assertThat(addressOf(List.of("10.0.0.0/8"), "198.51.100.7", "203.0.113.9"))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void behindTrustedProxiesTheLastUntrustedForwardedAddressCounts() {
        assertThat(addressOf(List.of("10.0.0.0/8"), "10.0.0.2", "192.0.2.1, 203.0.113.9, 10.0.0.1"))
                .as("what the client wrote before the address the first proxy saw is not believed")
                .isEqualTo("203.0.113.9");
        assertThat(addressOf(List.of("10.0.0.1", "10.0.0.2"), "10.0.0.2", "10.0.0.1"))
                .as("only proxies: the farthest")
                .isEqualTo("10.0.0.1");
        assertThat(addressOf(List.of("10.0.0.2"), "10.0.0.2", null)).isEqualTo("10.0.0.2");
    }

    private static String addressOf(List<String> trusted, String peer, String forwarded) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/token/");
        request.setRemoteAddr(peer);
        if (forwarded != null) {
            request.addHeader("X-Forwarded-For", forwarded);
        }
        return new ClientAddress(new LoginProperties(10, 100, Duration.ofMinutes(15), trusted)).of(request);
    }
}
