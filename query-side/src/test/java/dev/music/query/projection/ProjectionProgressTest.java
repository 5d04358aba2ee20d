package dev.music.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** When an event counts as applied by a segment: its own position decides, not the token's other gaps. */
class ProjectionProgressTest {

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>(List.of(gaps)));
    }

    @Test
    void anEventIsAppliedOnceItsSegmentHasPassedItAndItIsNotAGap() {
        assertThat(ProjectionProgress.applied(token(100), 100)).isTrue();
        assertThat(ProjectionProgress.applied(token(100), 101))
                .as("not reached yet")
                .isFalse();
        assertThat(ProjectionProgress.applied(token(100, 97L), 97))
                .as("committed, not yet read")
                .isFalse();
    }

    @Test
    void gapsBelowTheEventDoNotHoldItBack() {
        assertThat(ProjectionProgress.applied(token(4115, 1233L, 2157L, 2178L), 4115))
                .isTrue();
        assertThat(ProjectionProgress.applied(token(4115, 1233L, 2157L, 2178L), 3000))
                .isTrue();
    }

    @Test
    void aReplayingSegmentCountsWhatItHasReplayed() {
        TrackingToken replay = ReplayToken.createReplayToken(token(200), token(50));
        assertThat(ProjectionProgress.applied(replay, 50)).isTrue();
        assertThat(ProjectionProgress.applied(replay, 150))
                .as("applied before the reset, not yet again")
                .isFalse();
        assertThat(ProjectionProgress.applied(null, 1))
                .as("a segment without a token")
                .isFalse();
    }
}
