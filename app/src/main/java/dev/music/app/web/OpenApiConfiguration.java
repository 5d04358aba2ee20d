package dev.music.app.web;

import dev.music.app.security.ProtectedRoutes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and shown at {@code /swagger-ui.html}:
 * what each route declares, and what every route shares, added here once: the bearer scheme on
 * the operations that need it ({@link ProtectedRoutes}, the table the security chain enforces),
 * and the problem+json answers an operation can give (400 for its parameters or body, 401 and
 * 403 for its token, 404 for its path, 413 and 415 for its body, 503 with {@code Retry-After}
 * while the database is away, 431 for over-long headers; {@code Retry-After} on a 429 a route declares).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    /** Answers that leave out their null members ({@code @JsonInclude(NON_NULL)}). */
    private static final Set<String> OMIT_NULL_MEMBERS = Set.of("RebuildRecord", "ReplicaStatus");

    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI musicApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Music discovery and rating API")
                        .version("1")
                        .description("Search the catalog by title and audio features, rate songs and read them back;"
                                + " compatible with the VivPro Music API."))
                .servers(List.of(new Server().url("/").description("this service")));
    }

    /** Runs after every other customizer: the answers it adds depend on the parameters they add. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer sharedAnswers() {
        return document -> {
            if (document.getComponents() == null) {
                document.setComponents(new Components());
            }
            document.getComponents()
                    .addSecuritySchemes(
                            BEARER,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT")
                                    .description("the access token of POST /api/token/"))
                    .addSchemas(PROBLEM, problemSchema());
            if (document.getPaths() == null) {
                return;
            }
            document.getPaths()
                    .forEach((path, item) ->
                            item.readOperationsMap().forEach((method, operation) -> shared(path, method, operation)));
            everyMemberRequired(document);
        };
    }

    /**
     * The answers are records, written whole: every member is there, null or not (nullable says
     * which may be null), but for the records that leave out their null members.
     */
    private static void everyMemberRequired(OpenAPI document) {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> answered = new TreeSet<>();
        document.getPaths()
                .values()
                .forEach(item -> item.readOperations()
                        .forEach(operation -> operation.getResponses().values().forEach(answer -> {
                            if (answer.getContent() != null) {
                                answer.getContent()
                                        .values()
                                        .forEach(media -> referenced(media.getSchema(), schemas, answered));
                            }
                        })));
        answered.removeAll(OMIT_NULL_MEMBERS);
        answered.remove(PROBLEM);
        answered.forEach(name -> {
            Schema<?> schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null) {
                schema.setRequired(List.copyOf(schema.getProperties().keySet()));
            }
        });
    }

    /** The component schemas a schema refers to, and theirs. */
    private static void referenced(Schema<?> schema, Map<String, Schema> schemas, Set<String> found) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (found.add(name)) {
                referenced(schemas.get(name), schemas, found);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> referenced(property, schemas, found));
        }
        referenced(schema.getItems(), schemas, found);
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(part -> referenced(part, schemas, found));
        }
    }

    private static void shared(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        Optional<ProtectedRoutes.Rule> rule = ProtectedRoutes.of(path);
        if (rule.isEmpty()) {
            // anyone, with a token or without (a token sent is checked all the same)
            operation.setSecurity(List.of(new SecurityRequirement(), new SecurityRequirement().addList(BEARER)));
            problem(responses, "401", "a token sent that is invalid or expired, or of a removed account");
        }
        rule.ifPresent(r -> {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            problem(responses, "401", "no access token, or one that is invalid or expired, or of a removed account");
            if (r.role() != null) {
                problem(responses, "403", "the account's role is not " + r.role());
            }
        });
        boolean hasParameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (hasParameters || operation.getRequestBody() != null) {
            problem(responses, "400", "invalid input: `detail`, and for each invalid field its messages");
        }
        if (path.contains("{")) {
            problem(responses, "404", "no such " + path.replaceAll(".*\\{([^}]+)}.*", "$1"));
        }
        if (operation.getRequestBody() != null) {
            problem(responses, "413", "the body is larger than the route takes");
            problem(responses, "415", "the body is neither JSON nor a form");
        }
        problem(responses, "431", "the request's headers are too large");
        // the statuses a route declares itself, described there: their bodies are problems too
        responses.forEach((status, answer) -> {
            if (status.matches("[45]\\d\\d")) {
                problem(responses, status, answer.getDescription());
            }
        });
        ApiResponse unavailable = problem(responses, "503", "the database is away, or the service is busy: try again");
        unavailable.addHeaderObject(RETRY_AFTER, retryAfter());
        ApiResponse tooMany = responses.get("429");
        if (tooMany != null) {
            tooMany.addHeaderObject(RETRY_AFTER, retryAfter());
        }
        if (operation.getOperationId() == null) {
            operation.setOperationId(method.name().toLowerCase() + path.replaceAll("[^A-Za-z0-9]+", "_"));
        }
    }

    private static final String RETRY_AFTER = "Retry-After";

    private static Header retryAfter() {
        return new Header().description("seconds to wait").schema(new IntegerSchema());
    }

    private static ApiResponse problem(ApiResponses responses, String status, String description) {
        ApiResponse existing = responses.get(status);
        if (existing != null
                && existing.getContent() != null
                && existing.getContent().containsKey(PROBLEM_JSON)) {
            return existing;
        }
        // every error is a problem, whatever the route answers otherwise
        ApiResponse answer = existing != null ? existing : new ApiResponse().description(description);
        answer.content(new Content()
                .addMediaType(
                        PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
        responses.addApiResponse(status, answer);
        return answer;
    }

    /**
     * RFC 9457's members, then the earlier API's: for invalid input, one member per field holding
     * its messages (a list of strings).
     */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An error, as application/problem+json")
                .addProperty("type", new StringSchema().example("about:blank"))
                // the status's reason; a field named title (the list's filter) holds its messages
                // there instead, as the earlier API wrote them
                .addProperty(
                        "title",
                        new ComposedSchema()
                                .oneOf(List.of(new StringSchema(), new ArraySchema().items(new StringSchema())))
                                .example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().nullable(true).example("Invalid input."))
                .required(List.of("type", "title", "status"))
                // an invalid field's messages (a list of strings), or another member of the error
                .additionalProperties(true);
    }
}
