package dev.music.app.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opentest4j.AssertionFailedError;

/**
 * Every answer of the API that the HTTP tests receive, checked against the OpenAPI document the
 * service under test serves: a status it does not list, a member it does not describe, a null
 * where it says a value, or a body of another shape fails the test that received it. Requests are
 * not checked (the tests send wrong ones on purpose); only the answers.
 */
public final class ContractCheck {

    /**
     * One validator per service under test, made from its own {@code /v3/api-docs}; none for a
     * port that serves no document (a management port).
     */
    private static final Map<String, Optional<OpenApiInteractionValidator>> VALIDATORS = new ConcurrentHashMap<>();

    /** Answers of routes no client reads by the document: the document itself, the web page, the probes. */
    private static final List<String> UNDOCUMENTED = List.of("/v3/", "/swagger-ui", "/actuator", "/api-docs");

    /**
     * Answers no route gave: a path or a method the service does not have (its 404 and 405 are
     * still problems), or a path it redirects to its canonical form.
     */
    private static final Set<Integer> NO_ROUTE = Set.of(301, 308, 404, 405);

    /** Answers of one item a line, where no line at all is a whole answer. */
    private static final List<String> LINE_STREAMS = List.of("application/x-ndjson", "text/csv");

    private ContractCheck() {}

    static void check(String base, String method, URI uri, HttpResponse<String> response) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/") || UNDOCUMENTED.stream().anyMatch(path::startsWith)) {
            return;
        }
        OpenApiInteractionValidator validator =
                VALIDATORS.computeIfAbsent(base, ContractCheck::validator).orElse(null);
        if (validator == null) {
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(answer::withHeader);
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        boolean emptyStream = response.body() != null
                && response.body().isEmpty()
                && response.headers()
                        .firstValue("Content-Type")
                        .filter(type -> LINE_STREAMS.stream().anyMatch(type::startsWith))
                        .isPresent();
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                // a stream of no lines (an audit log with no events yet) is a whole answer
                .filter(message -> !(emptyStream && message.getKey().equals("validation.response.body.missing")))
                .filter(message -> !(NO_ROUTE.contains(response.statusCode())
                        && (message.getKey().equals("validation.response.path.missing")
                                || message.getKey().equals("validation.response.status.unknown")
                                        && response.statusCode() != 404)))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionFailedError("the answer to " + method + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " (" + response.statusCode()
                    + ") is not what the OpenAPI document says:\n  "
                    + String.join(
                            "\n  ", errors.stream().map(ContractCheck::describe).toList())
                    + "\n  body: " + abbreviated(response.body()));
        }
    }

    private static Optional<OpenApiInteractionValidator> validator(String base) {
        String document;
        try {
            HttpResponse<String> served = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                                    .build(),
                            BodyHandlers.ofString());
            if (served.statusCode() != 200) {
                return Optional.empty();
            }
            document = served.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ParseOptions parsing = new ParseOptions();
        parsing.setResolve(true);
        parsing.setResolveFully(true);
        // a schema without a type (the problem's title: a string or a list) is not an object
        parsing.setExplicitObjectSchema(false);
        return Optional.of(OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withParseOptions(parsing)
                .withLevelResolver(LevelResolver.create()
                        // the tests send wrong requests on purpose: only answers are checked
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build());
    }

    private static String describe(ValidationReport.Message message) {
        return message.getKey() + ": " + message.getMessage();
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 600 ? String.valueOf(body) : body.substring(0, 600) + "…";
    }
}
