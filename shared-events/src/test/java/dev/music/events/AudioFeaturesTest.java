package dev.music.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AudioFeaturesTest {

    /** Values in the order of {@link AudioFeature} come back under the feature at their place. */
    @Test
    void eachValueBecomesTheFeatureAtItsPlace() {
        double[] values = new double[AudioFeature.ALL.size()];
        for (AudioFeature feature : AudioFeature.ALL) {
            values[feature.ordinal()] = feature.ordinal() + 1;
        }

        AudioFeatures features = AudioFeatures.of(values);

        for (AudioFeature feature : AudioFeature.ALL) {
            assertThat(features.get(feature).doubleValue()).as(feature.column()).isEqualTo(feature.ordinal() + 1);
        }
    }
}
