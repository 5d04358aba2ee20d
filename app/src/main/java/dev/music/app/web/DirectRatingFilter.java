package dev.music.app.web;

import dev.music.app.problem.ProblemResponses;
import dev.music.app.security.JwtTokens;
import dev.music.app.security.SecurityHeaders;
import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.rating.RatingService;
import dev.music.command.web.DirectRatingRoute;
import dev.music.command.web.WriteProblems;
import dev.music.eventstore.GroupCommit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Takes a rating with a valid access token on {@link DirectRatingRoute}, below Spring Security's
 * chain and Spring MVC, which cost a rating more than its append (the bench page's profile). The
 * token is verified as {@code JwtAuthenticationFilter} verifies it and the account checked with
 * the rating, as on the full route; the answer carries the headers Spring Security writes on
 * every answer, from its own writers. Whatever the direct route does not take (no or a bad token,
 * a form, a body with a problem, an unknown song or account) goes the full way with its body
 * intact, and is answered there as before. Ratings refused under load are answered 503 here.
 */
final class DirectRatingFilter extends OncePerRequestFilter {

    /**
     * Spring Security's default header writers, in its order (HSTS writes only on HTTPS), then the
     * ones the security chain adds ({@link SecurityHeaders}).
     */
    private static final List<HeaderWriter> SECURITY_HEADERS = Stream.concat(
                    Stream.of(
                            new XContentTypeOptionsHeaderWriter(),
                            new XXssProtectionHeaderWriter(),
                            new CacheControlHeadersWriter(),
                            new HstsHeaderWriter(),
                            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)),
                    SecurityHeaders.WRITERS.stream())
            .toList();

    private final JwtTokens tokens;
    private final DirectRatingRoute route;

    DirectRatingFilter(JwtTokens tokens, DirectRatingRoute route) {
        this.tokens = tokens;
        this.route = route;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + DirectRatingRoute.PATH)
                || !DirectRatingRoute.takesBodyOf(request.getContentType());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Long userId = signedIn(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (userId == null) {
            chain.doFilter(request, response);
            return;
        }
        // a body beyond the limit is read only that far: the route leaves it to the controller to refuse
        byte[] body = request.getInputStream().readNBytes(DirectRatingRoute.MAX_BODY + 1);
        Optional<DirectRatingRoute.Accepted> accepted;
        try {
            accepted = route.submit(request, userId, body);
        } catch (GroupCommit.QueueFull e) {
            writeSecurityHeaders(request, response);
            response.setHeader(HttpHeaders.RETRY_AFTER, WriteProblems.RETRY_AFTER_SECONDS);
            ProblemResponses.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, WriteProblems.BUSY, Map.of());
            return;
        }
        if (accepted.isEmpty()) {
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(DirectRatingRoute.PATH));
        writeSecurityHeaders(request, response);
        accepted.get().write(response);
    }

    /** The user of a valid access token in {@code Authorization: Bearer <token>}, else null. */
    private Long signedIn(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length());
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            return null;
        }
        try {
            return tokens.verify(token, JwtTokens.ACCESS);
        } catch (JwtTokens.InvalidTokenException e) {
            return null;
        }
    }

    private static void writeSecurityHeaders(HttpServletRequest request, HttpServletResponse response) {
        SECURITY_HEADERS.forEach(writer -> writer.writeHeaders(request, response));
    }

    private static final String BEARER = "Bearer ";

    /** The request with the body read so far served again, then the rest of the original body. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final ServletInputStream input;

        ReadAgain(HttpServletRequest request, byte[] read) throws IOException {
            super(request);
            InputStream body = new SequenceInputStream(new ByteArrayInputStream(read), request.getInputStream());
            this.input = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int next = body.read();
                    finished = next < 0;
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int count = body.read(buffer, offset, length);
                    finished = count < 0;
                    return count;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read again synchronously");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return input;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(input, charset));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @ConditionalOnCommandSide
    @ConditionalOnProperty(name = "music.ratings.direct-route", havingValue = "true", matchIfMissing = true)
    static class Registration {

        /** After the request context (-105: a request's statements are bounded) and before Spring Security (-100). */
        static final int ORDER = -104;

        @Bean
        FilterRegistrationBean<DirectRatingFilter> directRatingFilter(JwtTokens tokens, RatingService ratings) {
            FilterRegistrationBean<DirectRatingFilter> registration =
                    new FilterRegistrationBean<>(new DirectRatingFilter(tokens, new DirectRatingRoute(ratings)));
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
