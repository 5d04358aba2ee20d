package dev.music.query.web;

import dev.music.eventstore.ConsistencyToken;
import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.song.SongColumns;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The read routes' query parameters and consistency headers in the OpenAPI document, from the
 * same lists the routes read them by ({@link SongColumns}, {@link ReadConsistency}), so that the
 * document cannot name a filter the routes do not take, nor miss one they do.
 */
@ConditionalOnQuerySide
// before the shared answers, which follow what the routes declare
@Order(0)
@Component
class ReadRoutesDocument implements OpenApiCustomizer {

    /** The routes that filter songs as {@code /api/music/} does. */
    private static final List<String> FILTERED =
            List.of("/api/music/", "/api/search/", "/api/statistics/", "/api/export/music.csv");
    /** The routes that answer a page of {@code page_size} items. */
    private static final List<String> PAGED = List.of("/api/music/", "/api/search/", "/api/me/ratings/");
    /** The routes that answer at most {@code limit} songs. */
    static final List<String> LIMITED = List.of("/api/songs/{spotifyId}/similar/", "/api/me/recommendations/");
    /** The routes ordered by {@code ordering}. */
    private static final List<String> ORDERED = List.of("/api/music/", "/api/export/music.csv");

    @Override
    public void customise(OpenAPI document) {
        // A projection with no rebuild yet has none; a reference's own nullable is not read, so it is wrapped.
        nullableReference(document, "Status", "rebuild");
        // A recommendation for a listener who likes nothing yet comes from no liked song. The liked
        // song is written whole, and no other answer names it: its schema lives in place only.
        Schema<?> because = nullableReference(document, "Recommendation", "because");
        if (because != null) {
            because.setRequired(List.copyOf(because.getProperties().keySet()));
            document.getComponents().getSchemas().remove("LikedSong");
        }
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().forEach((path, item) -> {
            Operation get = item.getGet();
            if (get == null) {
                return;
            }
            if (FILTERED.contains(path)) {
                filters().forEach(get::addParametersItem);
            }
            if (ORDERED.contains(path)) {
                get.addParametersItem(ordering());
            }
            if (PAGED.contains(path)) {
                get.addParametersItem(
                        query("page", "the page's number, from 1; `last`: the last page", new StringSchema()));
                get.addParametersItem(query(
                        "page_size",
                        "items per page: 25 by default, at most 100",
                        new IntegerSchema()
                                .minimum(java.math.BigDecimal.ONE)
                                .maximum(java.math.BigDecimal.valueOf(100))));
                get.getResponses().addApiResponse("404", new ApiResponse().description("no such page"));
            }
            if (LIMITED.contains(path)) {
                get.addParametersItem(query(
                        ResultLimit.NAME,
                        "how many songs: " + ResultLimit.MIN + " to " + ResultLimit.MAX + ", " + ResultLimit.DEFAULT
                                + " by default",
                        new IntegerSchema()
                                .minimum(java.math.BigDecimal.valueOf(ResultLimit.MIN))
                                .maximum(java.math.BigDecimal.valueOf(ResultLimit.MAX))
                                ._default(ResultLimit.DEFAULT)));
            }
            if (ReadConsistency.READ_ROUTES.stream().anyMatch(path::startsWith)) {
                consistency(get);
            }
        });
    }

    private static List<Parameter> filters() {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(query("title", "songs whose title contains this text, whatever its case", new StringSchema()));
        for (String column : SongColumns.NUMERIC) {
            Schema<?> number = SongColumns.INTEGRAL.contains(column) ? new IntegerSchema() : new NumberSchema();
            parameters.add(query("min_" + column, "songs with " + column + " at least this", number));
            parameters.add(query("max_" + column, "songs with " + column + " at most this", number));
            parameters.add(query(column, "songs with exactly this " + column, number));
        }
        return parameters;
    }

    private static Parameter ordering() {
        String fields = String.join(", ", new TreeSet<>(SongColumns.ORDERABLE));
        return query(
                "ordering",
                "comma-separated fields to order by, each descending with a leading `-` (" + fields
                        + "); unknown fields are ignored; by default by id",
                new StringSchema().example("-average_rating,title"));
    }

    private static void consistency(Operation get) {
        get.addParametersItem(new HeaderParameter()
                .name(ConsistencyToken.HEADER)
                .description("a write's consistency token: the answer waits, at most 2 s, until it shows that write")
                .schema(new StringSchema().pattern("^[0-9]+(:[0-9]+)?$").example("101:1")));
        ApiResponse ok = get.getResponses() == null ? null : get.getResponses().get("200");
        if (ok == null) {
            return;
        }
        ok.addHeaderObject(
                "X-Consistency",
                new Header()
                        .description("with a consistency token: `applied`, or `stale` when the wait ran out")
                        .schema(new StringSchema()._enum(List.of("applied", "stale"))));
        ok.addHeaderObject(
                "X-Consistency-Wait-Ms",
                new Header()
                        .description("with a consistency token: how long the answer waited")
                        .schema(new IntegerSchema()));
        ok.addHeaderObject(
                ReadConsistency.SOURCE,
                new Header()
                        .description("once applied: which database answered")
                        .schema(new StringSchema()._enum(List.of("replica", "primary"))));
    }

    /**
     * A property that refers to another schema and can be null: OpenAPI 3.0 reads no
     * {@code nullable} beside a reference, and null fails an {@code allOf} of one, so the schema
     * is written out in place, nullable; that schema, or null when there is none to write.
     */
    private static Schema<?> nullableReference(OpenAPI document, String schema, String property) {
        Map<String, Schema> schemas = document.getComponents() == null
                ? null
                : document.getComponents().getSchemas();
        Schema<?> owner = schemas == null ? null : schemas.get(schema);
        if (owner == null
                || owner.getProperties() == null
                || owner.getProperties().get(property) == null) {
            return null;
        }
        String reference = owner.getProperties().get(property).get$ref();
        Schema<?> target = reference == null ? null : schemas.get(reference.substring(reference.lastIndexOf('/') + 1));
        if (target == null) {
            return null;
        }
        ObjectSchema inline = new ObjectSchema();
        inline.setProperties(target.getProperties());
        inline.setRequired(target.getRequired());
        inline.setDescription(target.getDescription());
        owner.getProperties().put(property, inline.nullable(true));
        return inline;
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new QueryParameter().name(name).description(description).schema(schema);
    }
}
