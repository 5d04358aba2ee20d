package dev.music.command.eventstore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The positions the event store reports count only on the thread, and for the aggregate, that asked for them. */
class EventPositionsTest {

    /** Without a database: any question to it would fail. */
    private final EventPositions positions = new EventPositions(null);

    @Test
    void thePositionReportedForTheAggregateIsTheAnswer() {
        long position = positions.newestAfter("rating-1-2", () -> {
            EventPositions.appended("rating-1-2", 41);
            EventPositions.appended("rating-9-9", 50);
            EventPositions.appended("rating-1-2", 42);
        });
        assertThat(position).isEqualTo(42);
    }

    @Test
    void reportsOutsideAWatchOrFromAnotherThreadAreNotKept() throws InterruptedException {
        EventPositions.appended("rating-1-2", 70);
        Thread other = new Thread(() -> EventPositions.appended("rating-1-2", 80));
        assertThat(positions.newestAfter("rating-1-2", () -> {
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            EventPositions.appended("rating-1-2", 9);
        })).isEqualTo(9);
    }
}
