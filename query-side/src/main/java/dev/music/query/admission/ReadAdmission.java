package dev.music.query.admission;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * How many catalog reads run at once, and how many may wait: a database on a few cores answers
 * more reads a second with a few at a time than with dozens that share its cores and each take
 * longer, and a statement cut off by its timeout is work lost ({@link AdmissionProperties}). A
 * read beyond the running ones waits its turn, at most {@code maxWait}; beyond the waiting ones it
 * is refused at once ({@link ReadsBusy}: 503 with {@code Retry-After}), so that overload is a fast
 * answer to try again rather than statements that queue until their timeout. A read inside an
 * admitted read of the same thread is admitted with it.
 */
public final class ReadAdmission {

    private final Semaphore running;
    private final int concurrency;
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    public ReadAdmission(AdmissionProperties properties) {
        this(properties.concurrency(), properties.queue(), properties.maxWait());
    }

    public ReadAdmission(int concurrency, int maxWaiting, Duration maxWait) {
        if (concurrency < 1 || maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("concurrency must be at least 1, the queue and the wait not negative");
        }
        this.running = new Semaphore(concurrency, true);
        this.concurrency = concurrency;
        this.maxWaiting = maxWaiting;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Runs the read once admitted; throws {@link ReadsBusy} when it is not admitted in time. */
    public <T> T admit(Supplier<T> read) {
        int[] nested = depth.get();
        if (nested[0] > 0) {
            return read.get();
        }
        acquire();
        nested[0]++;
        try {
            return read.get();
        } finally {
            nested[0]--;
            running.release();
        }
    }

    private void acquire() {
        if (waiting.incrementAndGet() > maxWaiting + running.availablePermits()) {
            waiting.decrementAndGet();
            throw refuse();
        }
        try {
            if (!running.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw refuse();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse();
        } finally {
            waiting.decrementAndGet();
        }
    }

    private ReadsBusy refuse() {
        refused.increment();
        return new ReadsBusy();
    }

    /** Reads refused so far. */
    public long refused() {
        return refused.sum();
    }

    /** Reads waiting for their turn now (a read admitted at once passes through here too, briefly). */
    public int waiting() {
        return waiting.get();
    }

    /** Reads that may run at once. */
    public int concurrency() {
        return concurrency;
    }

    /** Reads that may wait for their turn. */
    public int maxWaiting() {
        return maxWaiting;
    }

    /** Reads running now. */
    public int running() {
        return concurrency - running.availablePermits();
    }
}
