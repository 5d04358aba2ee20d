package dev.music.eventstore;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Event identifiers in the layout of UUID version 7: the milliseconds since the epoch first,
 * then random bits. Ids made one after another fall at the end of the event table's unique
 * index on them, where random ones would land on a random page each: a bulk append of a million
 * events then rewrites a handful of index pages instead of every one.
 */
public final class OrderedEventIds {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public OrderedEventIds(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
