package dev.music.query.web;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.song.SongRow;
import io.swagger.v3.core.util.PrimitiveType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The audio features in the API description of a song. The API writes them from
 * {@link SongRow}'s any-getter, which the description's generator does not see; each is
 * described, after the song's own fields, by the type its value has.
 */
@ConditionalOnQuerySide
@Component
class SongSchema implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        Schema<?> song = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? null
                : api.getComponents().getSchemas().get(SongRow.class.getSimpleName());
        if (song == null) {
            return;
        }
        AudioFeatures typed = AudioFeatures.of(new double[AudioFeature.ALL.size()]);
        for (AudioFeature feature : AudioFeature.ALL) {
            song.addProperty(
                    feature.column(),
                    PrimitiveType.createProperty(typed.get(feature).getClass(), true));
        }
    }
}
