package dev.music.command.web;

import dev.music.command.catalog.CatalogFileReader;
import dev.music.events.AudioFeature;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code PUT /api/admin/songs/{spotifyId}/}'s body: a new title, new audio features, or both; a
 * field not named stays as it is. The features are flat members named by their columns.
 *
 * @param title the new title, or null to keep it
 * @param features the features to correct, by feature
 */
record SongCorrectionRequest(String title, Map<AudioFeature, Double> features) {

    static final BodySpec<SongCorrectionRequest> SPEC = fields -> {
        String title = fields.has("title") ? fields.text("title") : null;
        String titleProblem = title == null ? null : CatalogFileReader.titleProblem(title);
        if (titleProblem != null) {
            fields.problem("title", titleProblem);
        }
        Map<AudioFeature, Double> features = new EnumMap<>(AudioFeature.class);
        for (AudioFeature feature : AudioFeature.ALL) {
            String name = feature.column();
            Double value =
                    fields.has(name) ? fields.number(name, feature.integral(), feature.min(), feature.max()) : null;
            if (value != null) {
                features.put(feature, value);
            }
        }
        if (!fields.hasProblems() && title == null && features.isEmpty()) {
            fields.problem("non_field_errors", "Nothing to correct: give a title or audio features.");
        }
        return new SongCorrectionRequest(title, features);
    };
}
