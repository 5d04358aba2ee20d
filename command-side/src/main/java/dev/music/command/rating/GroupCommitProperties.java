package dev.music.command.rating;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.ratings.group-commit.*}: concurrent ratings appended in shared transactions.
 *
 * @param enabled off: each rating in a transaction of its own, on the request's thread
 * @param dispatchers threads that send batches, each with one connection of the pool
 * @param maxBatch the most ratings one transaction appends
 * @param maxWaiting the most ratings that wait for a transaction; beyond them a rating is answered
 *     503 with {@code Retry-After} at once. It refuses only while {@code dispatchers × maxBatch
 *     + maxWaiting} stays below the request threads (Tomcat's 200): beyond them, requests queue
 *     for a thread instead. The default lets a steady load ride out a stall without a 503; a
 *     node that must refuse a burst fast sets it lower (the bench page measures both)
 * @param maxWait how long a request waits for its batch's commit before it is answered 503
 */
@ConfigurationProperties("music.ratings.group-commit")
public record GroupCommitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2") int dispatchers,
        @DefaultValue("64") int maxBatch,
        @DefaultValue("128") int maxWaiting,
        @DefaultValue("10s") Duration maxWait) {}
