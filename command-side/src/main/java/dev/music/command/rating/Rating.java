package dev.music.command.rating;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.music.events.RatingSubmitted;
import dev.music.events.Stars;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's rating of one song. An aggregate per (song, user) pair, never per song: raters of a
 * hot song append to different streams and never conflict; only a user racing himself on one song
 * does, and the event store's unique sequence settles that.
 */
@Aggregate(type = Rating.AGGREGATE_TYPE)
public class Rating {

    static final String AGGREGATE_TYPE = "Rating";

    @AggregateIdentifier
    private String ratingId;

    private Stars stars;

    protected Rating() {
        // for event sourcing
    }

    /** The aggregate id of a user's rating of a song. */
    public static String idFor(long songId, long userId) {
        return "rating-" + songId + "-" + userId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SubmitRating command) {
        // Re-rating with the same stars is still an event: the auditor sees every submission.
        apply(new RatingSubmitted(command.songId(), command.userId(), command.stars(), stars, command.at()));
    }

    @EventSourcingHandler
    void on(RatingSubmitted event) {
        ratingId = idFor(event.songId(), event.userId());
        stars = event.stars();
    }
}
