package dev.music.app.web;

import dev.music.app.problem.ProblemErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the embedded Tomcat treats what arrives before Spring MVC sees it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TomcatConfiguration {

    /**
     * Titles are path segments ({@code /api/music/24%2F7/}): Tomcat must hand an encoded slash
     * (and with it an encoded percent) through to Spring MVC, which decodes the segment once,
     * instead of refusing the request.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesPassThrough() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }

    /** Requests Tomcat refuses itself (a malformed URL) are answered as problem+json too. */
    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
    }
}
