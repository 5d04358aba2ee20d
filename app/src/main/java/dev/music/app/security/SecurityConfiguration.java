package dev.music.app.security;

import dev.music.app.config.EmbeddedPostgresProperties;
import dev.music.app.config.JwtProperties;
import dev.music.app.problem.ProblemResponses;
import dev.music.command.account.AccountService;
import dev.music.command.account.AuthProperties;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless JWT security. Anonymous callers read the catalog; rating and one's own ratings need a
 * token; auditors read the rating history; admins everything.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    JwtTokens jwtTokens(
            JwtProperties jwt,
            AuthProperties auth,
            EmbeddedPostgresProperties embedded,
            ObjectProvider<dev.music.app.database.EmbeddedDatabase> embeddedDatabase,
            Clock clock) {
        boolean embeddedRunning = embeddedDatabase.getIfAvailable() != null;
        return new JwtTokens(SigningKey.resolve(jwt, embeddedRunning, embedded), auth, clock);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtTokens tokens, AccountService accounts, Environment environment)
            throws Exception {
        // On a management port of its own (management.server.port, kept on a private network),
        // metrics are scraped without a token: a scrape then never waits on the database, which
        // may be what is away.
        RequestMatcher onManagementPort = request -> {
            Integer management = environment.getProperty("local.management.port", Integer.class);
            return management != null
                    && management == request.getLocalPort()
                    && !management.equals(environment.getProperty("local.server.port", Integer.class));
        };
        http.csrf(csrf -> csrf.disable())
                .headers(headers -> SecurityHeaders.WRITERS.forEach(headers::addHeaderWriter))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    // async and error dispatches re-enter an already authorized request
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                            .permitAll();
                    for (ProtectedRoutes.Rule rule : ProtectedRoutes.RULES) {
                        var routes = requests.requestMatchers(rule.patterns().toArray(String[]::new));
                        if (rule.role() == null) {
                            routes.authenticated();
                        } else {
                            routes.hasRole(rule.role());
                        }
                    }
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                            .permitAll()
                            .requestMatchers(onManagementPort)
                            .permitAll()
                            .requestMatchers("/actuator/**")
                            .hasRole("ADMIN")
                            .anyRequest()
                            .permitAll();
                })
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint((request, response, e) -> ProblemResponses.write(
                                        response, 401, "Authentication credentials were not provided.", Map.of()))
                                .accessDeniedHandler((request, response, e) -> ProblemResponses.write(
                                        response, 403, "You do not have permission to perform this action.", Map.of())))
                .addFilterBefore(new JwtAuthenticationFilter(tokens, accounts), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /**
     * No observation around each of Spring Security's filters: switched off by name
     * ({@code management.observations.enable.spring.security}), they were still made and
     * discarded on every request, an eighth of a request thread's time.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Titles travel in path segments, percent-encoded: slashes, percents, periods and semicolons
     * among them must reach the application (which decodes each segment once).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        firewall.setAllowUrlEncodedPeriod(true);
        firewall.setAllowSemicolon(true);
        firewall.setAllowBackSlash(true);
        return firewall;
    }
}
