package dev.music.query.web;

import dev.music.eventstore.ConsistencyToken;
import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.ReadRouter.CaughtUp;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.song.SongProjection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Read-your-writes, in one place for every read route: a read that sends back a write's
 * {@code X-Consistency-Token} waits, at most {@code music.consistency.max-wait} (2 s), until the
 * songs projection has applied that write, then reads a replica that has replayed it, or the
 * primary. The answer says whether the write was applied ({@code X-Consistency: applied}) or the
 * wait ran out ({@code stale}), how long it waited ({@code X-Consistency-Wait-Ms}) and, once
 * applied, which database answered ({@code X-Consistency-Source}), as it stands when the answer's
 * body is written: should the replica fail under the read, the primary answers instead.
 *
 * <p>Runs after Spring Security, so that a read the caller may not make is refused before it waits.
 */
@ConditionalOnQuerySide
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class ReadConsistency extends OncePerRequestFilter {

    static final String SOURCE = "X-Consistency-Source";

    static final List<String> READ_ROUTES = List.of("/api/music/", "/api/songs/", "/api/me/", "/api/search/");

    private final ProjectionProgress progress;
    private final Duration maxWait;
    private final ReadRouter reads;
    private final HandlerExceptionResolver problems;

    ReadConsistency(
            ProjectionProgress progress,
            ConsistencyProperties consistency,
            ReadRouter reads,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.progress = progress;
        this.maxWait = consistency.maxWait();
        this.reads = reads;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getHeader(ConsistencyToken.HEADER) == null
                || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                || READ_ROUTES.stream().noneMatch(route -> path.startsWith(route) || path.equals(stripSlash(route)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ConsistencyToken> token = ConsistencyToken.parse(
                request.getHeader(ConsistencyToken.HEADER).strip());
        if (token.isEmpty()) {
            // the controllers' own error answer, as for any other invalid input of a read
            problems.resolveException(request, response, null, notAToken());
            return;
        }
        long started = System.nanoTime();
        // A position past the event store's head names no write: nothing to wait for.
        boolean applied = token.get().position() <= progress.head() && awaitApplied(token.get());
        if (!applied) {
            answerWaited(response, false, started);
            chain.doFilter(request, response);
            return;
        }
        // The projection's rows and position replicate together: a replica that has replayed
        // what the primary has committed by now holds the write too; else the primary answers.
        Duration left = maxWait.minusNanos(System.nanoTime() - started);
        try (CaughtUp reading = reads.catchUp(left.isNegative() ? Duration.ZERO : left)) {
            answerWaited(response, true, started);
            SourceNamed named = new SourceNamed(response, reading);
            named.nameSource();
            try {
                chain.doFilter(request, named);
            } finally {
                named.settle();
            }
        }
    }

    private static void answerWaited(HttpServletResponse response, boolean applied, long started) {
        response.setHeader("X-Consistency", applied ? "applied" : "stale");
        response.setHeader("X-Consistency-Wait-Ms", Long.toString((System.nanoTime() - started) / 1_000_000));
    }

    private boolean awaitApplied(ConsistencyToken token) {
        try {
            return progress.awaitApplied(SongProjection.NAME, token.position(), token.songId(), maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RuntimeException notAToken() {
        return ReadProblems.invalidInput(Map.of(
                ConsistencyToken.HEADER, List.of("Not a consistency token: send back the value a write answered.")));
    }

    private static String stripSlash(String route) {
        return route.substring(0, route.length() - 1);
    }

    /**
     * Names the database that answers, again once the body is about to be written (after the
     * read), and a last time as the request's reads end; an answer streamed after that (an
     * export) keeps the name its reads had.
     */
    private static final class SourceNamed extends HttpServletResponseWrapper {

        private final CaughtUp reading;
        private volatile boolean settled;

        SourceNamed(HttpServletResponse response, CaughtUp reading) {
            super(response);
            this.reading = reading;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            nameSource();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            nameSource();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            nameSource();
            super.flushBuffer();
        }

        void nameSource() {
            if (!settled && !isCommitted()) {
                setHeader(SOURCE, reading.onReplica() ? "replica" : "primary");
            }
        }

        void settle() {
            nameSource();
            settled = true;
        }
    }
}
