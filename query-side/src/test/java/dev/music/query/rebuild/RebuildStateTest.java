package dev.music.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The names of the rebuild states are the API's and the stored rows': they must never change. */
class RebuildStateTest {

    @Test
    void eachStateKeepsItsName() {
        assertThat(Arrays.stream(RebuildState.values()).map(RebuildState::value))
                .containsExactly("copying", "indexing", "catching up", "swapping", "done", "failed");
    }

    @Test
    void aStoredNameReadsBackAsItsState() {
        for (RebuildState state : RebuildState.values()) {
            assertThat(RebuildState.of(state.value())).isEqualTo(state);
        }
        assertThatThrownBy(() -> RebuildState.of("CATCHING_UP")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyDoneAndFailedAreFinished() {
        assertThat(Arrays.stream(RebuildState.values()).filter(RebuildState::finished))
                .containsExactly(RebuildState.DONE, RebuildState.FAILED);
    }
}
