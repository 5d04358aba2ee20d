package dev.music.query.replica;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.music.app.support.ReplicatedPostgres;
import dev.music.query.ReadRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read that has caught up on a replica ({@code catchUp}, as a read with a consistency token
 * does), and the replica fails under it, crashed or cancelling it for its recovery: the primary
 * reads it again, and the rest of the request reads the primary too, which
 * {@code readsReplica} (its {@code X-Consistency-Source}) says.
 */
class ReplicaRouterTest {

    /** Where a statement ran: a replica is in recovery, the primary is not. */
    private static final String WHERE = "select case when pg_is_in_recovery() then 'replica' else 'primary' end";

    @Test
    void aCaughtUpReadTheReplicaFailsUnderIsReadAgainOnThePrimary(@TempDir Path dir) throws Exception {
        try (ReplicatedPostgres servers = ReplicatedPostgres.start(dir);
                HikariDataSource primary = pool(servers.primary().jdbcUrl());
                HikariDataSource reads = pool(servers.replica().jdbcUrl());
                HikariDataSource checks = pool(servers.replica().jdbcUrl())) {
            Replica replica = new Replica(servers.replica().jdbcUrl(), reads, checks);
            replica.measured(0, 0, false);
            ReplicaRouter routing = new ReplicaRouter(primary, List.of(replica));

            ReadRouter.CaughtUp caughtUp = routing.catchUp(Duration.ofSeconds(10));
            assertThat(caughtUp.onReplica()).isTrue();
            assertThat(routing.read(() -> routing.jdbc().queryForObject(WHERE, String.class)))
                    .isEqualTo("replica");

            // The crash strikes while the statement runs on the replica; on the primary it just sleeps.
            CompletableFuture<Void> crash = CompletableFuture.runAsync(
                    () -> {
                        try {
                            servers.replica().crash();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
            String answered =
                    routing.read(() -> routing.jdbc().queryForObject(WHERE + " from pg_sleep(2)", String.class));
            crash.get(30, TimeUnit.SECONDS);

            assertThat(answered).isEqualTo("primary");
            assertThat(replica.repeatedReads()).isEqualTo(1);
            assertThat(replica.state()).isEqualTo(Replica.State.DOWN);
            assertThat(caughtUp.onReplica()).isFalse();
            assertThat(routing.read(() -> routing.jdbc().queryForObject(WHERE, String.class)))
                    .as("the request's next read")
                    .isEqualTo("primary");
            caughtUp.close();
            assertThat(caughtUp.onReplica()).isFalse();
        }
    }

    @Test
    void aReadTheReplicaCancelsForItsRecoveryIsReadAgainOnThePrimaryWhileTheReplicaStaysUp(@TempDir Path dir)
            throws Exception {
        try (ReplicatedPostgres servers = ReplicatedPostgres.start(dir);
                HikariDataSource primary = pool(servers.primary().jdbcUrl());
                HikariDataSource reads = pool(servers.replica().jdbcUrl());
                HikariDataSource checks = pool(servers.replica().jdbcUrl())) {
            JdbcTemplate onPrimary = new JdbcTemplate(primary);
            JdbcTemplate onReplica = new JdbcTemplate(checks);
            onPrimary.execute("create table conflicted (id int)");
            onReplica.execute("alter system set max_standby_streaming_delay = 0");
            onReplica.execute("select pg_reload_conf()");
            Replica replica = new Replica(servers.replica().jdbcUrl(), reads, checks);
            replica.measured(0, 0, false);
            ReplicaRouter routing = new ReplicaRouter(primary, List.of(replica));
            ReadRouter.CaughtUp caughtUp = routing.catchUp(Duration.ofSeconds(10));
            assertThat(caughtUp.onReplica()).isTrue(); // the table is there too
            assertThat(new JdbcTemplate(checks).queryForObject("show max_standby_streaming_delay", String.class))
                    .isEqualTo("0");

            // The read holds the table on the replica; the primary's exclusive lock, replayed, cancels it.
            CompletableFuture<Void> lock = CompletableFuture.runAsync(
                    () -> onPrimary.execute("begin; lock table conflicted in access exclusive mode; commit"),
                    CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
            String answered = routing.read(() -> routing.jdbc()
                    .queryForObject(WHERE + " from (select count(*) from conflicted) c, pg_sleep(2)", String.class));
            lock.get(30, TimeUnit.SECONDS);

            assertThat(answered).isEqualTo("primary");
            assertThat(replica.repeatedReads()).isEqualTo(1);
            assertThat(replica.state())
                    .as("a replica that cancels a read is well")
                    .isEqualTo(Replica.State.UP);
            assertThat(caughtUp.onReplica())
                    .as("the rest of the request reads the primary")
                    .isFalse();
            assertThat(routing.read(() -> routing.jdbc().queryForObject(WHERE, String.class)))
                    .isEqualTo("primary");
            caughtUp.close();
            assertThat(routing.read(() -> routing.jdbc().queryForObject(WHERE, String.class)))
                    .as("a request without a token, after")
                    .isEqualTo("replica");
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(500);
        pool.setInitializationFailTimeout(-1);
        return pool;
    }
}
