package dev.music.command.web;

import dev.music.command.ConditionalOnCommandSide;
import dev.music.events.AudioFeature;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.math.BigDecimal;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The two write bodies whose members are the catalog's columns, in the OpenAPI document from the
 * same list the routes read them by ({@link AudioFeature}): a song's correction (a flat object of
 * the title and any feature) and an imported catalog file (a column-oriented object).
 */
@ConditionalOnCommandSide
// before the shared answers, which follow what the routes declare
@Order(0)
@Component
class WriteRoutesDocument implements OpenApiCustomizer {

    static final String CORRECTION = "/api/admin/songs/{spotifyId}/";
    static final String IMPORT = "/api/admin/catalog/import/";

    @Override
    public void customise(OpenAPI document) {
        if (document.getPaths() == null) {
            return;
        }
        PathItem correction = document.getPaths().get(CORRECTION);
        if (correction != null && correction.getPut() != null) {
            body(correction.getPut(), correctionSchema(), Map.of("title", "24/7 (Live)", "energy", 0.8));
        }
        PathItem catalog = document.getPaths().get(IMPORT);
        if (catalog != null && catalog.getPost() != null) {
            body(
                    catalog.getPost(),
                    catalogFileSchema(),
                    Map.of(
                            "id", Map.of("0", "uwRXjA2b7yISECyAu79ugL"),
                            "title", Map.of("0", "24/7"),
                            "danceability", Map.of("0", 0.5)));
        }
    }

    private static void body(Operation operation, Schema<?> schema, Object example) {
        operation.setRequestBody(new RequestBody()
                .required(true)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().schema(schema).example(example))));
    }

    /** The title and any audio feature; what is not named stays as it is. */
    private static Schema<?> correctionSchema() {
        ObjectSchema schema = new ObjectSchema();
        schema.description("The members to change: the title, any audio feature by its column.");
        schema.addProperty("title", new StringSchema().minLength(1));
        for (AudioFeature feature : AudioFeature.ALL) {
            Schema<?> value = feature.integral() ? new IntegerSchema() : new NumberSchema();
            value.minimum(BigDecimal.valueOf(feature.min())).maximum(BigDecimal.valueOf(feature.max()));
            schema.addProperty(feature.column(), value);
        }
        return schema;
    }

    /** {@code {"column": {"row index": value, …}, …}}: id, title and every audio feature, as load-music reads it. */
    private static Schema<?> catalogFileSchema() {
        ObjectSchema schema = new ObjectSchema();
        schema.description("A columnar catalog file (playlist.json format): each column maps row indexes to values;"
                + " `id` (Spotify ids), `title` and every audio feature; `class` is ignored.");
        schema.additionalProperties(new ObjectSchema().additionalProperties(true));
        return schema;
    }
}
