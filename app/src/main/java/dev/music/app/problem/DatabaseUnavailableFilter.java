package dev.music.app.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 when the database fails a request in a filter (the bearer token's account is
 * looked up before any controller runs), where the controller advice does not reach. Ordered
 * before every other filter, security included.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException failure) {
            if (!DatabaseUnavailable.isCause(failure) || response.isCommitted()) {
                throw failure;
            }
            DatabaseUnavailable.log(request.getRequestURI(), failure);
            response.reset();
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
            ProblemResponses.write(
                    response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL, Map.of());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Before Spring's request context filter (-105) and Spring Security's (-100). */
        static final int ORDER = -110;

        @Bean
        FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter() {
            FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                    new FilterRegistrationBean<>(new DatabaseUnavailableFilter());
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
