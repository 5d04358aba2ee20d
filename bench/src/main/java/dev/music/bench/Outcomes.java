package dev.music.bench;

import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the answers of an HTTP workload were: how many of each status, with the latency of each,
 * and how many requests got no answer within the load tool's timeout or failed on the connection
 * (a reset). A 503 that comes fast with {@code Retry-After} is an answer; a timeout is not.
 */
final class Outcomes {

    private final Map<Integer, Stats> byStatus = new TreeMap<>();
    private long timeouts;
    private long errors;
    private long withoutRetryAfter;

    synchronized void answered(int status, long nanos, boolean retryAfter) {
        byStatus.computeIfAbsent(status, s -> new Stats()).add(nanos);
        if (status == 503 && !retryAfter) {
            withoutRetryAfter++;
        }
    }

    synchronized void failed(Exception e) {
        if (e instanceof HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
            timeouts++;
        } else {
            errors++;
        }
    }

    /** Answers that were not 2xx (or a 404 the caller expects), timeouts and connection errors. */
    synchronized long failures(int... expected) {
        long failures = timeouts + errors;
        for (Map.Entry<Integer, Stats> entry : byStatus.entrySet()) {
            int status = entry.getKey();
            if (status / 100 != 2 && java.util.Arrays.stream(expected).noneMatch(e -> e == status)) {
                failures += entry.getValue().count();
            }
        }
        return failures;
    }

    synchronized void print(String name, double seconds) {
        for (Map.Entry<Integer, Stats> entry : byStatus.entrySet()) {
            System.out.println("  " + entry.getValue().report(name + " " + entry.getKey(), seconds));
        }
        System.out.printf(
                "  %s: %,d timeouts, %,d connection errors, %,d answers 503 without Retry-After%n",
                name, timeouts, errors, withoutRetryAfter);
    }
}
