package dev.music.app.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Titles are path segments ({@code /api/music/24%2F7/}): Tomcat must hand an encoded slash (and
 * with it an encoded percent) through to Spring MVC, which decodes the segment once, instead of
 * refusing the request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class EncodedPathConfiguration {

    @Bean
    TomcatConnectorCustomizer encodedSlashesPassThrough() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }
}
