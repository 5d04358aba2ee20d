package dev.music.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ExpiredGapsTest {

    private final AtomicLong now = new AtomicLong();
    private final ExpiredGaps expiredGaps = new ExpiredGaps(Duration.ofSeconds(10), now::get);
    private final List<SortedSet<Long>> asked = new ArrayList<>();

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>(List.of(gaps)));
    }

    private TrackingToken clean(TrackingToken token, Set<Long> withEvents) {
        return expiredGaps.clean(token, gaps -> {
            asked.add(gaps);
            return withEvents;
        });
    }

    @Test
    void aYoungGapStaysAndIsNotLookedUp() {
        assertThat(clean(token(20, 5L, 7L), Set.of())).isEqualTo(token(20, 5L, 7L));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(clean(token(21, 5L, 7L), Set.of())).isEqualTo(token(21, 5L, 7L));
        assertThat(asked).isEmpty();
    }

    @Test
    void aGapWithoutAnEventPastTheTimeoutIsBurntForGood() {
        clean(token(20, 5L, 7L), Set.of());
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(clean(token(20, 5L, 7L, 19L), Set.of())).isEqualTo(token(20, 19L));
        assertThat(asked).containsExactly(new TreeSet<>(List.of(5L, 7L)));

        assertThat(clean(token(25, 5L, 7L, 19L), Set.of()))
                .as("known to be burnt: not asked again")
                .isEqualTo(token(25, 19L));
        assertThat(asked).hasSize(1);
    }

    @Test
    void aTimedOutGapThatHasAnEventStaysForTheProcessorToRead() {
        clean(token(20, 5L, 7L), Set.of());
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(clean(token(20, 5L, 7L), Set.of(7L))).isEqualTo(token(20, 7L));
    }

    @Test
    void tokensOfOtherKindsAndWithoutGapsPassUnchanged() {
        TrackingToken none = token(20);
        assertThat(clean(none, Set.of())).isSameAs(none);
        assertThat(clean(null, Set.of())).isNull();
    }
}
