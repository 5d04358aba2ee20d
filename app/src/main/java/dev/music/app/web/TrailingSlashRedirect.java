package dev.music.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The earlier API's routes end in a slash, and a path without it was redirected to the slash
 * form (301, as Django's APPEND_SLASH did). Only paths that match no route themselves but do with
 * a slash are redirected; other methods than GET and HEAD get 308 so their body survives.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TrailingSlashRedirect extends OncePerRequestFilter {

    private final RequestMappingHandlerMapping mappings;
    private volatile List<PathPattern> patterns;

    TrailingSlashRedirect(RequestMappingHandlerMapping requestMappingHandlerMapping) {
        this.mappings = requestMappingHandlerMapping;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty() || path.endsWith("/") || matches(path) || !matches(path + "/")) {
            chain.doFilter(request, response);
            return;
        }
        boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        String query = request.getQueryString();
        response.setStatus(safe ? HttpServletResponse.SC_MOVED_PERMANENTLY : 308);
        response.setHeader(HttpHeaders.LOCATION, request.getRequestURI() + "/" + (query == null ? "" : "?" + query));
    }

    private boolean matches(String rawPath) {
        PathContainer container = PathContainer.parsePath(rawPath);
        return patterns().stream().anyMatch(pattern -> pattern.matches(container));
    }

    private List<PathPattern> patterns() {
        if (patterns == null) {
            patterns = mappings.getHandlerMethods().keySet().stream()
                    .map(info -> info.getPathPatternsCondition())
                    .filter(Objects::nonNull)
                    .flatMap(condition -> condition.getPatterns().stream())
                    .toList();
        }
        return patterns;
    }
}
