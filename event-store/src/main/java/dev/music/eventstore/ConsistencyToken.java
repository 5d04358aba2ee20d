package dev.music.eventstore;

import java.util.Optional;

/**
 * What a write answers and a read may send back to see it: the global position of the write's
 * event in the event store, and the song it concerns when there is one ({@code "1234:42"}), so
 * that a reader waits only for the projector segment of that song. Both travel in the
 * {@value #HEADER} header; a write also answers it in its body as {@code consistency_token}.
 */
public record ConsistencyToken(long position, Long songId) {

    public static final String HEADER = "X-Consistency-Token";

    public ConsistencyToken {
        if (position < 0) {
            throw new IllegalArgumentException("a position in the event store is never negative: " + position);
        }
    }

    /** A write's token: its newest event's position and the song it concerns. */
    public static ConsistencyToken of(long position, long songId) {
        return new ConsistencyToken(position, songId);
    }

    /** The token as a client sent it back, or empty when the text is not one a write answers. */
    public static Optional<ConsistencyToken> parse(String text) {
        try {
            int colon = text.indexOf(':');
            long position = Long.parseLong(colon < 0 ? text : text.substring(0, colon));
            Long songId = colon < 0 ? null : Long.valueOf(text.substring(colon + 1));
            return position < 0 ? Optional.empty() : Optional.of(new ConsistencyToken(position, songId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return songId == null ? Long.toString(position) : position + ":" + songId;
    }
}
