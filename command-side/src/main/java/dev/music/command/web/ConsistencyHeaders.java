package dev.music.command.web;

/**
 * Consistency tokens: the header a write answers its token in (a read sends it back in the same
 * header), and the token's form, {@code position:songId}.
 */
final class ConsistencyHeaders {

    static final String TOKEN = "X-Consistency-Token";

    private ConsistencyHeaders() {}

    /** A write's position in the event store and the song it concerns: what a reader waits for. */
    static String token(long position, long songId) {
        return position + ":" + songId;
    }
}
