package dev.music.eventstore;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Takes out of a tracking token the gaps no transaction will fill any more. A gap is a global
 * index that a processor passed without an event: a transaction still running, or one that will
 * never commit because it rolled back or died with its connection, its process or the database,
 * burning the index it was given. Once a gap has been seen for longer than the gap timeout
 * (longer than any appending transaction lasts) and the event store still has no event at it,
 * it is burnt for good and leaves the token. Axon's own cleaning looks only at tokens with
 * hundreds of gaps, so the few that a crash burns would otherwise stay until ten thousand more
 * events had passed.
 */
final class ExpiredGaps {

    /** Gaps seen more than this many timeouts ago and no longer in any token are forgotten. */
    private static final int FORGET_AFTER_TIMEOUTS = 10;

    private final long timeoutNanos;
    private final LongSupplier clock;
    /** When each gap was first seen in a token. */
    private final Map<Long, Long> firstSeen = new ConcurrentHashMap<>();
    /** Gaps found burnt: taken out of every token that still carries them, without asking again. */
    private final Set<Long> burnt = ConcurrentHashMap.newKeySet();

    private volatile long forgotAt;

    ExpiredGaps(Duration timeout, LongSupplier clock) {
        this.timeoutNanos = timeout.toNanos();
        this.clock = clock;
    }

    /**
     * The token without its burnt gaps. {@code existing} answers which of the given global
     * indexes hold an event now; it is asked only about gaps that have just timed out.
     */
    TrackingToken clean(TrackingToken token, Function<SortedSet<Long>, Set<Long>> existing) {
        if (!(token instanceof GapAwareTrackingToken gapAware)
                || gapAware.getGaps().isEmpty()) {
            return token;
        }
        long now = clock.getAsLong();
        SortedSet<Long> timedOut = new TreeSet<>();
        for (long gap : gapAware.getGaps()) {
            long seen = firstSeen.computeIfAbsent(gap, g -> now);
            if (!burnt.contains(gap) && now - seen > timeoutNanos) {
                timedOut.add(gap);
            }
        }
        if (!timedOut.isEmpty()) {
            Set<Long> filled = existing.apply(timedOut);
            timedOut.stream().filter(gap -> !filled.contains(gap)).forEach(burnt::add);
        }
        forgetOld(now);
        if (gapAware.getGaps().stream().noneMatch(burnt::contains)) {
            return token;
        }
        SortedSet<Long> remaining = new TreeSet<>(gapAware.getGaps());
        remaining.removeAll(burnt);
        return GapAwareTrackingToken.newInstance(gapAware.getIndex(), remaining);
    }

    private void forgetOld(long now) {
        if (now - forgotAt < timeoutNanos) {
            return;
        }
        forgotAt = now;
        long horizon = FORGET_AFTER_TIMEOUTS * timeoutNanos;
        firstSeen.entrySet().removeIf(entry -> {
            boolean old = now - entry.getValue() > horizon;
            if (old) {
                burnt.remove(entry.getKey());
            }
            return old;
        });
    }
}
