package dev.music.query.song;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Counts that a request's statement timeout cut short, finished on a thread of their own. Under
 * load the first count of a common term can take longer than a request may wait (503); left at
 * that, every later request for it would start it again and be cut short again, and it would
 * never be remembered. Here it runs to its end once, without the request's timeout (which only
 * request threads' connections get), and is remembered like any other; one at a time, each
 * filter once, and at most a bounded number waiting.
 */
public final class UnfinishedCounts {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedCounts.class);

    private final Set<Object> pending = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), task -> {
                Thread thread = new Thread(task, "unfinished-counts");
                thread.setDaemon(true);
                return thread;
            });

    /** Runs {@code count} for the key, unless it is already waiting or running, or too many are. */
    public void finish(Object key, Runnable count) {
        if (!pending.add(key)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    count.run();
                } catch (DataAccessException e) {
                    log.debug("a count cut short could not be finished either: {}", e.getMessage());
                } finally {
                    pending.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(key);
        }
    }
}
