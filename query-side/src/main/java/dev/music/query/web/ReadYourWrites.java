package dev.music.query.web;

import dev.music.query.QuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.song.SongProjection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read-your-writes: a read that sends back a write's {@code X-Consistency-Token} waits, at most
 * {@code music.consistency.max-wait} (2 s), until the songs projection has applied that write.
 * The answer says whether it had ({@code X-Consistency: applied}) or the wait ran out
 * ({@code X-Consistency: stale}), how long it waited ({@code X-Consistency-Wait-Ms}), and, once
 * applied, whether a replica or the primary answers ({@code X-Consistency-Source}, brought up
 * to date by {@link ConsistencySource} once the answer is read).
 */
@ConditionalOnExpression(QuerySide.ENABLED)
@Component
class ReadYourWrites implements HandlerInterceptor, WebMvcConfigurer {

    static final String TOKEN = "X-Consistency-Token";
    static final String SOURCE = "X-Consistency-Source";

    private final ProjectionProgress progress;
    private final Duration maxWait;
    private final ReadRouter reads;

    ReadYourWrites(ProjectionProgress progress, ConsistencyProperties consistency, ReadRouter reads) {
        this.progress = progress;
        this.maxWait = consistency.maxWait();
        this.reads = reads;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/music/**", "/api/songs/**", "/api/me/**", "/api/search/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        String token = request.getHeader(TOKEN);
        if (token == null || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return true;
        }
        ConsistencyToken consistency = ConsistencyToken.parse(token.strip());
        long started = System.nanoTime();
        // A position past the event store's head names no write: nothing to wait for.
        boolean applied = consistency.position() <= progress.head()
                && progress.awaitApplied(SongProjection.NAME, consistency.position(), consistency.songId(), maxWait);
        if (applied) {
            // The projection's rows and position replicate together: a replica that has replayed
            // what the primary has committed by now holds the write too; else the primary answers.
            Duration left = maxWait.minusNanos(System.nanoTime() - started);
            response.setHeader(SOURCE, reads.catchUp(left.isNegative() ? Duration.ZERO : left) ? "replica" : "primary");
        }
        response.setHeader("X-Consistency", applied ? "applied" : "stale");
        response.setHeader("X-Consistency-Wait-Ms", Long.toString((System.nanoTime() - started) / 1_000_000));
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        reads.release();
    }

    /**
     * What a write answered: the global position of its event, and the song it concerns when
     * there is one ({@code "1234:42"}), so that only the projector segment of that song is waited for.
     */
    record ConsistencyToken(long position, Long songId) {

        static ConsistencyToken parse(String token) {
            try {
                int colon = token.indexOf(':');
                long position = Long.parseLong(colon < 0 ? token : token.substring(0, colon));
                Long songId = colon < 0 ? null : Long.valueOf(token.substring(colon + 1));
                if (position >= 0) {
                    return new ConsistencyToken(position, songId);
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw ReadProblems.invalidInput(
                    Map.of(TOKEN, java.util.List.of("Not a consistency token: send back the value a write answered.")));
        }
    }
}
