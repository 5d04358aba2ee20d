package dev.music.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.music.eventstore.PositionedCommands.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * How a batch's outcome reaches each waiting caller, with the append stood in for: the database
 * side (one transaction, positions, the event reads) is the application's RatingApiTest and
 * GroupCommitRatingsTest.
 */
class GroupCommitTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<String>> batches = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Map<String, RuntimeException> refused = new ConcurrentHashMap<>();
    private GroupCommit groupCommit;

    @AfterEach
    void close() {
        gate.countDown();
        if (groupCommit != null) {
            groupCommit.close();
        }
        callers.shutdownNow();
    }

    /** A stand-in append: records each batch's aggregates and answers with {@code outcome}. */
    private void start(Function<List<String>, long[]> outcome, Duration maxWait) {
        start(outcome, maxWait, 1_000);
    }

    private void start(Function<List<String>, long[]> outcome, Duration maxWait, int maxWaiting) {
        PositionedCommands append = new PositionedCommands(null, null, null) {
            @Override
            public long[] sendTogether(List<Command> batch) {
                List<String> ids = batch.stream().map(Command::aggregateId).toList();
                synchronized (batches) {
                    batches.add(ids);
                }
                if (ids.contains("gate")) {
                    await(gate);
                }
                return outcome.apply(ids);
            }
        };
        GroupCommit.Check check = batch -> batch.stream()
                .map(command -> refused.get(command.aggregateId()))
                .toList();
        groupCommit = new GroupCommit("test-group-commit", append, check, 1, 64, maxWaiting, maxWait, size -> {});
    }

    private void start(Function<List<String>, long[]> outcome) {
        start(outcome, Duration.ofSeconds(10));
    }

    /** Positions made of the aggregates' numbers: "a7" is at 7, the gate at 0. */
    private static long[] positions(List<String> ids) {
        return ids.stream()
                .mapToLong(id -> id.equals("gate") ? 0 : Long.parseLong(id.substring(1)))
                .toArray();
    }

    private CompletableFuture<Long> send(String aggregateId) {
        return CompletableFuture.supplyAsync(
                () -> groupCommit.send(new Command(aggregateId, aggregateId, MetaData.emptyInstance())), callers);
    }

    /** Holds the dispatcher in a first batch until {@code ids} all wait, so that they make the next batch together. */
    private List<CompletableFuture<Long>> sendTogether(String... ids) throws Exception {
        CompletableFuture<Long> first = send("gate");
        while (batches.isEmpty()) {
            Thread.sleep(1);
        }
        List<CompletableFuture<Long>> sent = Arrays.stream(ids).map(this::send).toList();
        while (groupCommit.waiting() < ids.length) {
            Thread.sleep(1);
        }
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        return sent;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable failureOf(CompletableFuture<Long> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void commandsThatWaitTogetherShareOneAppendAndEachGetsItsOwnPosition() throws Exception {
        start(GroupCommitTest::positions);
        List<CompletableFuture<Long>> sent = sendTogether("a3", "a1", "a2");
        assertThat(sent.stream().map(CompletableFuture::join)).containsExactly(3L, 1L, 2L);
        assertThat(batches)
                .as("the gate, then the three in one batch, in the order of their aggregates")
                .containsExactly(List.of("gate"), List.of("a1", "a2", "a3"));
    }

    @Test
    void refusedCommandsAreAnsweredWithTheirRefusalAndTheOthersAreSent() throws Exception {
        start(GroupCommitTest::positions);
        IllegalArgumentException unknown = new IllegalArgumentException("unknown song");
        refused.put("a2", unknown);
        List<CompletableFuture<Long>> sent = sendTogether("a1", "a2", "a3");
        assertThat(sent.get(0).join()).isEqualTo(1L);
        assertThat(failureOf(sent.get(1))).isSameAs(unknown);
        assertThat(sent.get(2).join()).isEqualTo(3L);
        assertThat(batches.get(1)).containsExactly("a1", "a3");
    }

    @Test
    void aCommandWhoseHandlingFailsFailsAloneAndTheRestAreSentAgainTogether() throws Exception {
        IllegalStateException rule = new IllegalStateException("a rule of the aggregate");
        start(ids -> {
            int bad = ids.indexOf("a2");
            if (bad >= 0) {
                throw new PositionedCommands.CommandFailed(bad, rule);
            }
            return positions(ids);
        });
        List<CompletableFuture<Long>> sent = sendTogether("a1", "a2", "a3");
        assertThat(sent.get(0).join()).isEqualTo(1L);
        assertThat(failureOf(sent.get(1))).isSameAs(rule);
        assertThat(sent.get(2).join()).isEqualTo(3L);
        assertThat(batches.subList(1, batches.size())).containsExactly(List.of("a1", "a2", "a3"), List.of("a1", "a3"));
    }

    @Test
    void anotherWritersAppendFirstSendsEachCommandAgainAlone() throws Exception {
        start(ids -> {
            if (ids.size() > 1) {
                throw new ConcurrencyException("another writer appended to a2 first");
            }
            return positions(ids);
        });
        List<CompletableFuture<Long>> sent = sendTogether("a1", "a2", "a3");
        assertThat(sent.stream().map(CompletableFuture::join)).containsExactly(1L, 2L, 3L);
        assertThat(batches.subList(1, batches.size()))
                .containsExactly(List.of("a1", "a2", "a3"), List.of("a1"), List.of("a2"), List.of("a3"));
    }

    @Test
    void aFailureOfTheDatabaseFailsTheWholeBatchAtOnce() throws Exception {
        CannotCreateTransactionException down = new CannotCreateTransactionException("the database is down");
        start(ids -> {
            if (ids.contains("a1")) {
                throw new PositionedCommands.CommandFailed(0, new IllegalStateException("cannot load", down));
            }
            return positions(ids);
        });
        List<CompletableFuture<Long>> sent = sendTogether("a1", "a2", "a3");
        for (CompletableFuture<Long> future : sent) {
            assertThat(failureOf(future)).hasCause(down);
        }
        assertThat(batches).hasSize(2);
    }

    @Test
    void commandsArrivingWhileTheDatabaseFailsABatchFailWithItAtOnce() throws Exception {
        CannotCreateTransactionException down = new CannotCreateTransactionException("the database is down");
        CompletableFuture<CompletableFuture<Long>> arrived = new CompletableFuture<>();
        start(ids -> {
            if (ids.contains("a1")) {
                arrived.complete(send("a9"));
                while (groupCommit.waiting() < 1) {
                    Thread.onSpinWait();
                }
                throw down;
            }
            return positions(ids);
        });
        List<CompletableFuture<Long>> sent = sendTogether("a1");
        assertThat(failureOf(sent.get(0))).isSameAs(down);
        assertThat(failureOf(arrived.get(10, TimeUnit.SECONDS))).isSameAs(down);
        assertThat(batches).as("the one that arrived was not sent").hasSize(2);
    }

    @Test
    void aCallerWaitsNoLongerThanItsBound() throws Exception {
        start(GroupCommitTest::positions, Duration.ofMillis(200));
        CompletableFuture<Long> stuck = send("gate");
        assertThat(failureOf(stuck)).isInstanceOf(QueryTimeoutException.class);
        gate.countDown();
    }

    @Test
    void beyondTheCommandsThatMayWaitACommandIsRefusedAtOnceAndNotSent() throws Exception {
        start(GroupCommitTest::positions, Duration.ofSeconds(10), 2);
        CompletableFuture<Long> first = send("gate");
        while (batches.isEmpty()) {
            Thread.sleep(1);
        }
        List<CompletableFuture<Long>> waiting = List.of(send("a1"), send("a2"));
        while (groupCommit.waiting() < 2) {
            Thread.sleep(1);
        }

        assertThatThrownBy(() -> groupCommit.send(new Command("a3", "a3", MetaData.emptyInstance())))
                .isInstanceOf(GroupCommit.QueueFull.class);
        gate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(waiting.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(waiting.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(batches).as("the refused command was never sent").noneMatch(batch -> batch.contains("a3"));
        assertThat(groupCommit.refused()).isEqualTo(1);
        assertThat(groupCommit.send(new Command("a4", "a4", MetaData.emptyInstance())))
                .as("once the queue has room again, commands are taken")
                .isEqualTo(4);
    }
}
