package dev.music.app.security;

import dev.music.command.account.LoginProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address a sign-in counts against: the socket's peer, or, when that peer is one of the
 * trusted proxies ({@code music.auth.login.trusted-proxies}), the last address in
 * {@code X-Forwarded-For} that is not one of them (each proxy appends the peer it saw, so the
 * entries left of the first untrusted one are the client's to write and are not believed).
 */
final class ClientAddress {

    private final List<IpAddressMatcher> trusted;

    ClientAddress(LoginProperties properties) {
        this.trusted = properties.trustedProxies().stream()
                .map(String::trim)
                .filter(proxy -> !proxy.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        String client = peer;
        // several headers count as one list, in their order
        String[] hops = String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")))
                .split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        for (IpAddressMatcher proxy : trusted) {
            try {
                if (proxy.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
