package dev.music.command.rating;

/**
 * Why a rating was not taken although its body was fine: its song or its rater's account. Only
 * {@link RatingChecks} decides it, for a single rating and for a group commit's batch alike.
 */
public abstract sealed class RatingRefusedException extends RuntimeException
        permits UnknownAccountException, UnknownSongException {

    RatingRefusedException(String message) {
        // Refusals are answers, not faults: no stack trace to fill on the request thread.
        super(message, null, false, false);
    }
}
