package dev.music.eventstore;

import dev.music.eventstore.PositionedCommands.Command;
import dev.music.eventstore.PositionedCommands.CommandFailed;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.TransactionException;

/**
 * Group commit: the commands of concurrent callers share one transaction and one commit. A caller
 * hands its command over and waits; a dispatcher thread takes every command waiting (up to a
 * batch's size), asks the batch's {@link Check} once for all of them, sends them in one unit of
 * work and commits once, then answers each caller its position. A caller is answered only after
 * the commit: a position still means a durable append.
 *
 * <p>One command's failure does not fail the others: when handling one fails, nothing of the batch
 * was appended, and the rest are sent again as a batch; when the commit fails because another
 * writer appended to one of the batch's aggregates first, each command is sent again on its own.
 * A failure of the database itself fails the whole batch at once, and the commands that arrived
 * while it was tried.
 *
 * <p>Each batch takes its aggregates' locks in the order of their ids, so that two dispatchers
 * never wait for each other's locks.
 *
 * <p>At most {@code maxWaiting} commands wait for a dispatcher: beyond them a command is refused
 * at once ({@link QueueFull}), so that more commands than the database commits are a fast answer
 * to try again rather than a queue whose callers all wait until their timeout.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Set on the dispatchers' threads, which work for requests: their statements are bounded as requests' are. */
    private static final ThreadLocal<Boolean> DISPATCHING = ThreadLocal.withInitial(() -> false);

    private static final long IDLE_POLL_MILLIS = 200;

    /** Refuses commands of a batch before they are sent, with one look-up for the whole batch. */
    @FunctionalInterface
    public interface Check {

        /** For each command, in order, the failure to answer its caller with instead of sending it, or null. */
        List<RuntimeException> refusals(List<Command> batch);
    }

    private record Waiting(Command command, CompletableFuture<Long> position) {

        void fail(Throwable failure) {
            position.completeExceptionally(failure);
        }
    }

    private final PositionedCommands commands;
    private final Check check;
    private final int maxBatch;
    private final int maxWaiting;
    private final Duration maxWait;
    private final IntConsumer batchSizes;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> dispatchers = new ArrayList<>();
    private final LongAdder refused = new LongAdder();
    private volatile boolean closed;

    /**
     * @param maxWaiting how many commands may wait for a dispatcher; beyond them {@link #send} refuses
     * @param maxWait how long a caller waits for its batch's commit before it is answered with a
     *     {@link QueryTimeoutException} (its command may still be appended)
     * @param batchSizes told the size of each batch sent
     */
    public GroupCommit(
            String name,
            PositionedCommands commands,
            Check check,
            int dispatchers,
            int maxBatch,
            int maxWaiting,
            Duration maxWait,
            IntConsumer batchSizes) {
        if (dispatchers < 1 || maxBatch < 1 || maxWaiting < 1) {
            throw new IllegalArgumentException(
                    "group commit needs at least one dispatcher, a batch of one and room for one waiting command");
        }
        this.commands = commands;
        this.check = check;
        this.maxBatch = maxBatch;
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
        this.batchSizes = batchSizes;
        for (int i = 1; i <= dispatchers; i++) {
            Thread dispatcher = new Thread(this::dispatch, name + "-" + i);
            dispatcher.setDaemon(true);
            this.dispatchers.add(dispatcher);
            dispatcher.start();
        }
    }

    /** Whether this thread dispatches batches for waiting requests. */
    public static boolean onDispatcherThread() {
        return DISPATCHING.get();
    }

    /**
     * Sends the command with the others waiting, and returns its position once they are committed.
     *
     * @throws QueueFull when as many commands as may wait already do; the command was not sent
     * @throws QueryTimeoutException when the batch did not commit within the wait
     * @throws RuntimeException the command's refusal, or its failure, as {@link PositionedCommands#send} throws it
     */
    public long send(Command command) {
        if (closed) {
            throw new IllegalStateException("group commit is closed");
        }
        if (waiting.size() >= maxWaiting) {
            refused.increment();
            throw new QueueFull();
        }
        Waiting entry = new Waiting(command, new CompletableFuture<>());
        waiting.add(entry);
        try {
            return entry.position().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw (Error) e.getCause();
        } catch (TimeoutException e) {
            throw new QueryTimeoutException("the command's batch did not commit within " + maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the command's batch committed", e);
        }
    }

    /** How many commands wait for a dispatcher. */
    int waiting() {
        return waiting.size();
    }

    /** Commands refused so far because as many as may wait already did. */
    public long refused() {
        return refused.sum();
    }

    /** A command refused unsent: as many commands as may wait for a dispatcher already do. */
    public static final class QueueFull extends RuntimeException {

        QueueFull() {
            super("as many commands as may wait for their batch already do", null, false, false);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread dispatcher : dispatchers) {
            dispatcher.interrupt();
        }
        for (Thread dispatcher : dispatchers) {
            try {
                dispatcher.join(maxWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Waiting> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(entry -> entry.fail(new IllegalStateException("group commit is closed")));
    }

    private void dispatch() {
        DISPATCHING.set(true);
        List<Waiting> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Waiting first = waiting.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                batchSizes.accept(batch.size());
                run(batch);
            } catch (InterruptedException e) {
                if (!closed) {
                    log.warn("a group commit dispatcher was interrupted; it goes on");
                }
            } catch (RuntimeException | Error e) {
                failAll(batch, e);
                if (e instanceof Error error) {
                    throw error;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Waiting> batch) {
        List<RuntimeException> refusals =
                check.refusals(batch.stream().map(Waiting::command).toList());
        List<Waiting> accepted = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (refusals.get(i) == null) {
                accepted.add(batch.get(i));
            } else {
                batch.get(i).fail(refusals.get(i));
            }
        }
        accepted.sort(Comparator.comparing(entry -> entry.command().aggregateId()));
        sendTogether(accepted);
    }

    private void sendTogether(List<Waiting> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            long[] positions =
                    commands.sendTogether(batch.stream().map(Waiting::command).toList());
            for (int i = 0; i < positions.length; i++) {
                batch.get(i).position().complete(positions[i]);
            }
        } catch (CommandFailed e) {
            if (fromTheDatabase(e.getCause())) {
                failAll(batch, e.getCause());
                return;
            }
            batch.get(e.index()).fail(e.getCause());
            List<Waiting> rest = new ArrayList<>(batch);
            rest.remove(e.index());
            sendTogether(rest);
        } catch (RuntimeException e) {
            if (batch.size() > 1 && anotherWriterAppendedFirst(e)) {
                batch.forEach(entry -> sendTogether(List.of(entry)));
            } else {
                failAll(batch, e);
            }
        }
    }

    /**
     * Fails the batch; when the database failed it, fails the commands that arrived meanwhile too,
     * at once: they would wait for a connection as long again, and their callers are answered
     * within one wait for the database instead of several.
     */
    private void failAll(List<Waiting> batch, Throwable failure) {
        batch.forEach(entry -> entry.fail(failure));
        if (fromTheDatabase(failure)) {
            List<Waiting> arrived = new ArrayList<>();
            waiting.drainTo(arrived);
            arrived.forEach(entry -> entry.fail(failure));
        }
    }

    /** A failure that is not the command's own: the database or the connection to it. */
    private static boolean fromTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException
                    || cause instanceof DataAccessException
                    || cause instanceof TransactionException
                    || cause instanceof EventStoreException) {
                return true;
            }
        }
        return false;
    }

    /** A unique violation on the append: a concurrent re-rating ({@link ConcurrencyException}) or first rating. */
    private static boolean anotherWriterAppendedFirst(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
