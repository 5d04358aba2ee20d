package dev.music.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.music.app.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the service serves is the contract: it equals the one in the repository
 * ({@code docs/openapi.json}, which the generated client of {@code GeneratedClientTest} is built
 * from), and Redocly's recommended rules find no error in it.
 */
class ApiDocumentTest extends IntegrationTest {

    /** The document in the repository (the tests run in {@code app/}). */
    static final Path COMMITTED = Path.of("../docs/openapi.json");
    /** The served document, as the build exports it. */
    static final Path EXPORTED = Path.of("target/openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String REDOCLY = "@redocly/cli@2.77.0";
    private static final Path LINT_OUTPUT = Path.of("target/redocly-lint.txt");

    @Test
    void theServedDocumentIsTheOneInTheRepository() throws IOException {
        JsonNode served = served();

        assertThat(JSON.readTree(COMMITTED.toFile()))
                .as(
                        "docs/openapi.json is the served document: after a change of the API, copy app/%s over it"
                                + " and review the difference",
                        EXPORTED)
                .isEqualTo(served);
    }

    @Test
    void redoclysRecommendedRulesFindNoErrorInIt() throws Exception {
        assumeTrue(npx(), "npx is not installed: the Redocly lint needs Node.js");
        served();

        Lint lint = lint(EXPORTED);

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("Your API description is valid");
    }

    /** The lint can fail: the same document without its security scheme has errors. */
    @Test
    void theLintFailsADocumentThatUsesAnUndeclaredSecurityScheme() throws Exception {
        assumeTrue(npx(), "npx is not installed: the Redocly lint needs Node.js");
        ObjectNode broken = (ObjectNode) served();
        ((ObjectNode) broken.get("components")).remove("securitySchemes");
        Path file = Path.of("target/openapi-without-security-scheme.json");
        JSON.writeValue(file.toFile(), broken);

        Lint lint = lint(file);

        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("security-defined").contains("There is no `bearer` security scheme defined");
    }

    /** The served document, also written where the build exports it. */
    private JsonNode served() throws IOException {
        String text = api().get("/v3/api-docs").body();
        JsonNode document = JSON.readTree(text);
        Files.createDirectories(EXPORTED.getParent());
        Files.writeString(EXPORTED, JSON.writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
        return document;
    }

    private record Lint(int exitCode, String output) {}

    private static Lint lint(Path document) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                        "npx",
                        "--yes",
                        REDOCLY,
                        "lint",
                        document.toString(),
                        "--config",
                        "src/test/resources/redocly.yaml",
                        "--format",
                        "stylish"))
                .redirectErrorStream(true)
                .redirectOutput(LINT_OUTPUT.toFile())
                .start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the lint ends").isTrue();
        return new Lint(process.exitValue(), Files.readString(LINT_OUTPUT, StandardCharsets.UTF_8));
    }

    private static boolean npx() {
        try {
            Process process = new ProcessBuilder("npx", "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
