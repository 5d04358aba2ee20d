package dev.music.query.web;

import dev.music.eventstore.ConsistencyToken;
import dev.music.query.QuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.song.SongProjection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
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

    static final String TOKEN = ConsistencyToken.HEADER;
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
        ConsistencyToken consistency = parse(token);
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

    private static ConsistencyToken parse(String token) {
        return ConsistencyToken.parse(token.strip())
                .orElseThrow(() -> ReadProblems.invalidInput(
                        Map.of(TOKEN, List.of("Not a consistency token: send back the value a write answered."))));
    }
}
