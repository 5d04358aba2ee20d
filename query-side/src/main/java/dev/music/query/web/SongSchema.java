package dev.music.query.web;

import dev.music.events.AudioFeature;
import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.song.SongRow;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The audio features in the API description of a song. The API writes them from
 * {@link SongRow}'s any-getter, which the description's generator does not see; each is
 * described, after the song's own fields, by the type its value has.
 */
@ConditionalOnQuerySide
// before the shared answers, which follow what the routes declare
@Order(0)
@Component
class SongSchema implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        // A song, and the answers that carry the song's members unwrapped.
        for (String name : List.of(SongRow.class.getSimpleName(), "Hit", "SimilarSong", "Recommendation")) {
            Schema<?> song = api.getComponents().getSchemas().get(name);
            if (song != null) {
                AudioFeature.ALL.forEach(feature -> song.addProperty(feature.column(), schemaOf(feature)));
            }
        }
    }

    private static Schema<?> schemaOf(AudioFeature feature) {
        Schema<?> value = feature.integral()
                ? new IntegerSchema().format(feature.max() > Integer.MAX_VALUE ? "int64" : "int32")
                : new NumberSchema().format("double");
        return value.minimum(BigDecimal.valueOf(feature.min())).maximum(BigDecimal.valueOf(feature.max()));
    }
}
