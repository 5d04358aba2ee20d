package dev.music.app.security;

import dev.music.app.problem.ProblemResponses;
import dev.music.command.account.Account;
import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <access token>} on every route. As before, a token that
 * does not verify is refused with 401 even where no sign-in is needed; other schemes are
 * ignored. The account is looked up on each request, so a removed user's tokens stop working at
 * once and a role change takes effect at once. The principal's name is the user id.
 *
 * <p>One route is the exception: a rating checks the account itself, in the same round trip that
 * checks its song (once for a whole batch of ratings), so a deleted user's rating is still
 * refused with 401. Any account may rate, so the role does not matter there.
 */
class JwtAuthenticationFilter extends OncePerRequestFilter {

    private static final Map<String, Object> INVALID_TOKEN = Map.of(
            "code",
            "token_not_valid",
            "messages",
            List.of(Map.of(
                    "token_class", "AccessToken", "token_type", "access", "message", "Token is invalid or expired")));

    private final JwtTokens tokens;
    private final AccountService accounts;

    JwtAuthenticationFilter(JwtTokens tokens, AccountService accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** Signing in and refreshing ignore the Authorization header, as they did: an expired token must not block a refresh. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/token/") || path.equals("/api/token/refresh/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        String[] parts = header.strip().split("\\s+");
        if (!parts[0].equals("Bearer")) {
            chain.doFilter(request, response);
            return;
        }
        if (parts.length != 2) {
            ProblemResponses.write(
                    response,
                    401,
                    "Authorization header must contain two space-delimited values",
                    Map.of("code", "bad_authorization_header"));
            return;
        }
        long userId;
        try {
            userId = tokens.verify(parts[1], JwtTokens.ACCESS);
        } catch (JwtTokens.InvalidTokenException e) {
            ProblemResponses.write(response, 401, "Given token not valid for any token type", INVALID_TOKEN);
            return;
        }
        Role role;
        if (checksTheAccountItself(request)) {
            role = Role.USER;
        } else {
            Optional<Account> account = accounts.find(userId);
            if (account.isEmpty()) {
                ProblemResponses.write(response, 401, "User not found", Map.of("code", "user_not_found"));
                return;
            }
            role = account.get().role();
        }
        var authentication = new UsernamePasswordAuthenticationToken(
                Long.toString(userId), null, AuthorityUtils.createAuthorityList(roles(role)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static boolean checksTheAccountItself(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI()
                        .substring(request.getContextPath().length())
                        .equals("/api/rating/");
    }

    /** Each role includes the ones below it. */
    private static List<String> roles(Role role) {
        return switch (role) {
            case USER -> List.of("ROLE_USER");
            case AUDITOR -> List.of("ROLE_USER", "ROLE_AUDITOR");
            case ADMIN -> List.of("ROLE_USER", "ROLE_AUDITOR", "ROLE_ADMIN");
        };
    }
}
