package dev.music.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderedEventIdsTest {

    @Test
    void idsAreVersion7UuidsThatSortByTheirMillisecond() {
        List<String> ids = new ArrayList<>();
        for (int ms = 0; ms < 50; ms++) {
            OrderedEventIds at =
                    new OrderedEventIds(Clock.fixed(Instant.ofEpochMilli(1_790_000_000_000L + ms), ZoneOffset.UTC));
            ids.add(at.next());
        }
        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
        }
        assertThat(ids).isSorted();
        assertThat(UUID.fromString(ids.get(0)).getMostSignificantBits() >>> 16).isEqualTo(1_790_000_000_000L);
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        OrderedEventIds ids =
                new OrderedEventIds(Clock.fixed(Instant.ofEpochMilli(1_790_000_000_000L), ZoneOffset.UTC));
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next())).isTrue();
        }
    }
}
