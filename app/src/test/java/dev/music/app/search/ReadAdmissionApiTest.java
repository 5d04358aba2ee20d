package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.query.admission.ReadAdmission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With every turn of the catalog's reads taken and as many waiting as may, a search is answered
 * at once with 503 problem+json and Retry-After, and the service answers again as soon as turns
 * come free.
 */
class ReadAdmissionApiTest extends IntegrationTest {

    @Autowired
    private ReadAdmission admission;

    @Test
    void aSearchBeyondTheQueueIsAnsweredBusyAtOnce() throws Exception {
        importProjectPlaylistOnce();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        List<java.util.concurrent.Future<?>> held = new ArrayList<>();
        try {
            // take every turn and every place in the queue
            int concurrency = admission.concurrency();
            int queue = admission.maxWaiting();
            for (int i = 0; i < concurrency + queue; i++) {
                held.add(threads.submit(() -> admission.admit(() -> {
                    try {
                        return release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                })));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((admission.running() < concurrency || admission.waiting() < queue) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            long refusedBefore = admission.refused();
            long started = System.nanoTime();
            Api.Response busy = api().get("/api/music/?title=e");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.header("Content-Type")).startsWith("application/problem+json");
            assertThat(busy.json().get("detail").asText()).isEqualTo("The service is busy; try again shortly.");
            assertThat(tookMillis).as("refused without waiting").isLessThan(1_000);
            assertThat(admission.refused()).isEqualTo(refusedBefore + 1);
            assertThat(api().get("/api/songs/" + spotifyId() + "/").status())
                    .as("a song's detail waits its turn like any catalog read")
                    .isEqualTo(503);
        } finally {
            release.countDown();
            for (var read : held) {
                try {
                    read.get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    // a read that waited past the queue's wait was refused: what the test is about
                    assertThat(e.getCause()).isInstanceOf(dev.music.query.admission.ReadsBusy.class);
                }
            }
            threads.shutdownNow();
        }
        assertThat(api().get("/api/music/?title=e").status()).isEqualTo(200);
        assertThat(admission.running()).isZero();
    }

    private String spotifyId() {
        return jdbc.queryForObject("select spotify_id from songs order by id limit 1", String.class);
    }
}
