package dev.music.command.web;

/** The header a write answers its consistency token in (a read sends it back in the same header). */
final class ConsistencyHeaders {

    static final String TOKEN = "X-Consistency-Token";

    private ConsistencyHeaders() {
    }
}
