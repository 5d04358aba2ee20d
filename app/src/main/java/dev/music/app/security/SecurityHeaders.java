package dev.music.app.security;

import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The headers every answer carries beyond Spring Security's defaults: a
 * {@code Content-Security-Policy} of {@code default-src 'self'} (the web page has no inline script
 * or style, and loads nothing from elsewhere), and {@code Referrer-Policy: same-origin}. Swagger
 * UI, which draws its icons from {@code data:} images and sets inline styles, gets those two
 * allowances on its own pages only. Written by the security chain and by the direct rating route alike.
 */
public final class SecurityHeaders {

    public static final String POLICY = "default-src 'self'";
    static final String SWAGGER_UI_POLICY = POLICY + "; img-src 'self' data:; style-src 'self' 'unsafe-inline'";

    private static final RequestMatcher SWAGGER_UI =
            request -> request.getRequestURI().startsWith(request.getContextPath() + "/swagger-ui/");

    /** In the order they are written. */
    public static final List<HeaderWriter> WRITERS = List.of(
            new DelegatingRequestMatcherHeaderWriter(
                    request -> !SWAGGER_UI.matches(request), new ContentSecurityPolicyHeaderWriter(POLICY)),
            new DelegatingRequestMatcherHeaderWriter(
                    SWAGGER_UI, new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_POLICY)),
            new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));

    private SecurityHeaders() {}
}
