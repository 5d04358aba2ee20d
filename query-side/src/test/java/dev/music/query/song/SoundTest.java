package dev.music.query.song;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sound read back from the database's text, and what it says about two songs. */
class SoundTest {

    @Test
    void aSoundReadsBackAsTheDatabaseWroteItAndWritesTheSameText() {
        Sound sound = Sound.parse("(0.521, 0.673, 0.00573, 0, 0.12, 0.543, 0.85525, 0.432124)");

        assertThat(sound.literal()).isEqualTo("(0.521, 0.673, 0.00573, 0.0, 0.12, 0.543, 0.85525, 0.432124)");
        assertThat(Sound.parse(sound.literal())).isEqualTo(sound);
        assertThatThrownBy(() -> Sound.parse("(0.5, 0.5)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClosestFeaturesComeClosestFirstAndTiesInTheSoundsOrder() {
        Sound a = Sound.parse("(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)");
        Sound b = Sound.parse("(0.1, 0.5, 0.9, 0.45, 0.2, 0.5, 0.6, 0.52)");

        assertThat(a.closestIn(b, 3)).containsExactly("energy", "valence", "tempo");
        assertThat(a.distanceTo(b)).isEqualTo(b.distanceTo(a));
        assertThat(a.distanceTo(a)).isZero();
    }

    @Test
    void theMeanIsTakenFeatureByFeature() {
        Sound mean =
                Sound.mean(List.of(Sound.parse("(0, 0, 0, 0, 0, 0, 0, 1)"), Sound.parse("(1, 0.5, 0, 0, 0, 0, 0, 1)")));

        assertThat(mean).isEqualTo(Sound.parse("(0.5, 0.25, 0, 0, 0, 0, 0, 1)"));
    }
}
