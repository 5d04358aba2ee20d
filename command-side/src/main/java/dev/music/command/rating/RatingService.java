package dev.music.command.rating;

import dev.music.command.catalog.KnownSongs;
import dev.music.command.eventstore.PositionedCommands;
import dev.music.events.Stars;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.AxonException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Service;

/**
 * Accepts ratings: checks the song against the command side's catalog lookup, dispatches the
 * command, and retries when the same user's concurrent rating of the same song won the race.
 */
@Service
public class RatingService {

    private static final int ATTEMPTS = 5;

    private final PositionedCommands commands;
    private final KnownSongs knownSongs;
    private final Clock clock;
    private final Timer accepted;
    private final Timer failed;

    public RatingService(PositionedCommands commands, KnownSongs knownSongs, Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.knownSongs = knownSongs;
        this.clock = clock;
        this.accepted = submissions(meters, "accepted");
        this.failed = submissions(meters, "failed");
    }

    /** {@code music.ratings.submitted}: each submission's time from command to durable append, by outcome. */
    private static Timer submissions(MeterRegistry meters, String outcome) {
        return Timer.builder("music.ratings.submitted")
                .description("Ratings submitted: the time from the command to its event's durable append")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Another submission of the same user for the same song appended first: a re-rating of an
     * existing rating ({@link ConcurrencyException}) or a race of two first ratings
     * ({@link AggregateStreamCreationException}). Loading the rating again settles it.
     */
    private static boolean lostTheAppendRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    public boolean songExists(long songId) {
        return knownSongs.exists(songId);
    }

    /**
     * Stores the rating durably and returns the global position of its event, which a reader can
     * wait for (read-your-writes).
     */
    public long submit(long songId, long userId, Stars stars, Map<String, ?> auditMetaData) {
        long started = System.nanoTime();
        try {
            long position = append(songId, userId, stars, auditMetaData);
            accepted.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return position;
        } catch (RuntimeException e) {
            failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    private long append(long songId, long userId, Stars stars, Map<String, ?> auditMetaData) {
        SubmitRating command = new SubmitRating(songId, userId, stars, clock.instant());
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.send(command.ratingId(), command, MetaData.from(auditMetaData));
            } catch (AxonException e) {
                if (!lostTheAppendRace(e) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
