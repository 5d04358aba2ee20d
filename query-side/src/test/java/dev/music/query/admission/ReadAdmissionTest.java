package dev.music.query.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAdmissionTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    /** Starts a read that runs until the test releases it. */
    private Future<String> holding(ReadAdmission admission) {
        return threads.submit(() -> admission.admit(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "read";
        }));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void aReadBeyondTheRunningOnesWaitsItsTurn() throws Exception {
        ReadAdmission admission = new ReadAdmission(1, 1, Duration.ofSeconds(5));
        Future<String> first = holding(admission);
        await(() -> admission.running() == 1);
        Future<String> second = threads.submit(() -> admission.admit(() -> "second"));
        await(() -> admission.waiting() == 1);
        assertThat(second.isDone()).isFalse();
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("read");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(admission.refused()).isZero();
    }

    @Test
    void aReadBeyondTheWaitingOnesIsRefusedAtOnce() throws Exception {
        ReadAdmission admission = new ReadAdmission(1, 1, Duration.ofSeconds(5));
        holding(admission);
        await(() -> admission.running() == 1);
        holding(admission);
        await(() -> admission.waiting() == 1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> admission.admit(() -> "third"))
                .isInstanceOf(ReadsBusy.class)
                .satisfies(e -> assertThat(((ReadsBusy) e).getHeaders().getFirst("Retry-After"))
                        .isEqualTo("1"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(admission.refused()).isEqualTo(1);
    }

    @Test
    void aReadThatWaitsTooLongIsRefused() throws Exception {
        ReadAdmission admission = new ReadAdmission(1, 4, Duration.ofMillis(100));
        holding(admission);
        await(() -> admission.running() == 1);
        assertThatThrownBy(() -> admission.admit(() -> "late")).isInstanceOf(ReadsBusy.class);
        assertThat(admission.waiting()).isZero();
        assertThat(admission.refused()).isEqualTo(1);
    }

    @Test
    void aReadWithinAnAdmittedReadIsAdmittedWithIt() {
        ReadAdmission admission = new ReadAdmission(1, 0, Duration.ZERO);
        assertThat(admission.admit(() -> admission.admit(() -> "nested"))).isEqualTo("nested");
        assertThat(admission.running()).isZero();
    }

    @Test
    void aFailedReadGivesItsTurnBack() {
        ReadAdmission admission = new ReadAdmission(1, 0, Duration.ZERO);
        assertThatThrownBy(() -> admission.admit(() -> {
                    throw new IllegalStateException("the read failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(admission.admit(() -> "next")).isEqualTo("next");
    }
}
