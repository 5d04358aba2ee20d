package dev.music.command.web;

import dev.music.command.rating.RatingRefusedException;
import dev.music.command.rating.RatingService;
import dev.music.eventstore.ConsistencyToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;

/**
 * {@code POST /api/rating/} for a well-formed rating of a signed-in user, taken below Spring MVC:
 * the same body ({@link RatingRequest#SPEC}), the same check of song and account (the rating
 * service's) and the same submission as {@link RatingController}, without the handler
 * mapping, the argument resolution and the message converters a rating paid for on every
 * request (a third of the request thread's time). Anything else (a body with a problem, an
 * unknown song, a removed account) is left to the controller, which answers it, so that the
 * answers stay the controller's alone.
 */
public final class DirectRatingRoute {

    public static final String PATH = "/api/rating/";

    /** The largest body the route (and the controller) reads: beyond it the controller refuses. */
    public static final int MAX_BODY = JsonOrFormBody.MAX_BYTES;

    private final RatingService ratings;

    public DirectRatingRoute(RatingService ratings) {
        this.ratings = ratings;
    }

    /** A JSON body, or none (which the controller reads as JSON too); never a form. */
    public static boolean takesBodyOf(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application") && type.getSubtype().equals("json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Submits the rating when the body is a well-formed rating and the song and the account
     * exist; empty when the request is the controller's to answer, with nothing submitted.
     *
     * @throws dev.music.eventstore.GroupCommit.QueueFull when ratings are refused under load
     */
    public Optional<Accepted> submit(HttpServletRequest request, long userId, byte[] body) {
        if (body.length > MAX_BODY) {
            return Optional.empty();
        }
        Bound<RatingRequest> bound;
        try {
            bound = RatingRequest.SPEC.bind(JsonOrFormBody.json(body));
        } catch (ErrorResponseException notAnObject) {
            return Optional.empty();
        }
        if (!bound.isValid()) {
            return Optional.empty();
        }
        RatingRequest rating = bound.request();
        try {
            long position = ratings.submit(rating.music(), userId, rating.stars(), AuditMetaData.of(request, userId));
            return Optional.of(
                    new Accepted(ConsistencyToken.of(position, rating.music()).toString()));
        } catch (RatingRefusedException e) {
            return Optional.empty();
        }
    }

    /** A rating stored: the controller's answer, 201 with the consistency token. */
    public record Accepted(String consistencyToken) {

        public void write(HttpServletResponse response) throws IOException {
            // The token is two numbers and the detail a constant: nothing here needs escaping.
            byte[] answer = ("{\"detail\":\"" + RatingController.ACCEPTED + "\",\"consistency_token\":\""
                            + consistencyToken + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_CREATED);
            response.setHeader(ConsistencyToken.HEADER, consistencyToken);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(answer.length);
            response.getOutputStream().write(answer);
        }
    }
}
