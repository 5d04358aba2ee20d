package dev.music.command.rating;

import dev.music.command.ConditionalOnCommandSide;
import dev.music.events.Stars;
import dev.music.eventstore.GroupCommit;
import dev.music.eventstore.PositionedCommands;
import dev.music.eventstore.PositionedCommands.Command;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.AxonException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Service;

/**
 * Accepts ratings: checks the song and the rater's account, dispatches the command, and retries
 * when the same user's concurrent rating of the same song won the race. Concurrent ratings share
 * transactions ({@link GroupCommit}) unless {@code music.ratings.group-commit.enabled} is off.
 */
@ConditionalOnCommandSide
@Service
public class RatingService {

    private static final int ATTEMPTS = 5;

    private final PositionedCommands commands;
    private final RatingChecks checks;
    private final Optional<GroupCommit> groupCommit;
    private final Clock clock;
    private final Timer accepted;
    private final Timer failed;

    RatingService(
            PositionedCommands commands,
            RatingChecks checks,
            GroupCommitProperties groupCommit,
            Clock clock,
            MeterRegistry meters) {
        this.commands = commands;
        this.checks = checks;
        this.clock = clock;
        this.accepted = submissions(meters, "accepted");
        this.failed = submissions(meters, "failed");
        this.groupCommit = groupCommit.enabled() ? Optional.of(groupCommit(groupCommit, meters)) : Optional.empty();
    }

    private GroupCommit groupCommit(GroupCommitProperties properties, MeterRegistry meters) {
        DistributionSummary sizes = DistributionSummary.builder("music.ratings.batch.size")
                .description("Ratings appended together in one transaction")
                .register(meters);
        GroupCommit groupCommit = new GroupCommit(
                "rating-group-commit",
                commands,
                checks,
                properties.dispatchers(),
                properties.maxBatch(),
                properties.maxWaiting(),
                properties.maxWait(),
                sizes::record);
        FunctionCounter.builder("music.ratings.refused", groupCommit, GroupCommit::refused)
                .description("Ratings answered 503 at once because as many as may wait for a transaction already did")
                .register(meters);
        return groupCommit;
    }

    /** {@code music.ratings.submitted}: each submission's time from command to durable append, by outcome. */
    private static Timer submissions(MeterRegistry meters, String outcome) {
        return Timer.builder("music.ratings.submitted")
                .description("Ratings submitted: the time from the command to its event's durable append")
                .tag("outcome", outcome)
                .register(meters);
    }

    @PreDestroy
    void close() {
        groupCommit.ifPresent(GroupCommit::close);
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

    /**
     * Why this user cannot rate this song, if they cannot, for a rating that is not submitted
     * (its body has problems); {@link #submit} asks the same check itself.
     */
    public Optional<RatingRefusedException> refusal(long songId, long userId) {
        return checks.refusal(songId, userId);
    }

    /**
     * Stores the rating durably and returns the global position of its event, which a reader can
     * wait for (read-your-writes).
     *
     * @throws RatingRefusedException when the song is not in the catalog or the rater's account
     *     no longer exists
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
        SubmitRating rating = new SubmitRating(songId, userId, stars, clock.instant());
        Command command = new Command(rating.ratingId(), rating, MetaData.from(auditMetaData));
        for (int attempt = 1; ; attempt++) {
            try {
                return groupCommit.isPresent() ? groupCommit.get().send(command) : sendAlone(command);
            } catch (AxonException e) {
                if (!lostTheAppendRace(e) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Without a group commit, the rating asks the batch's check for itself alone. */
    private long sendAlone(Command command) {
        SubmitRating rating = (SubmitRating) command.payload();
        checks.refusal(rating.songId(), rating.userId()).ifPresent(refusal -> {
            throw refusal;
        });
        return commands.send(command.aggregateId(), command.payload(), command.metaData());
    }
}
