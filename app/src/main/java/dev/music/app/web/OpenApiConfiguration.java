package dev.music.app.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} and shown at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI musicApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Music discovery and rating API")
                                .version("1")
                                .description(
                                        "Search the catalog by title and audio features; compatible with the VivPro Music API."));
    }
}
