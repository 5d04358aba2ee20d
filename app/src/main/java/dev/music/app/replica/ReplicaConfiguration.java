package dev.music.app.replica;

import dev.music.app.config.DatabaseProperties;
import dev.music.app.database.RequestTimeouts;
import dev.music.query.ReadRouter;
import dev.music.query.admission.AdmissionProperties;
import dev.music.query.admission.AdmittedReads;
import dev.music.query.admission.ReadAdmission;
import dev.music.query.replica.ReplicaProperties;
import dev.music.query.replica.ReplicaSet;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the catalog's reads run: the primary, or with {@code music.replica.url} its replicas; each
 * admitted first ({@code music.reads.*}).
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    @Bean(destroyMethod = "close")
    ReplicaSet replicaSet(DataSource dataSource, ReplicaProperties properties, DatabaseProperties database) {
        return new ReplicaSet(dataSource, properties, reads -> new RequestTimeouts(reads, database));
    }

    /**
     * {@code music.reads.concurrency} for each server the reads are spread over: each has cores of
     * its own, and a replica that stops answering holds its share of the turns (until the reads in
     * flight there time out and the primary answers them) without taking the primary's.
     */
    @Bean
    ReadAdmission readAdmission(AdmissionProperties properties, ReplicaProperties replicas) {
        int servers = 1 + replicas.url().size();
        return new ReadAdmission(properties.concurrency() * servers, properties.queue(), properties.maxWait());
    }

    @Bean
    ReadRouter catalogReads(
            ReplicaSet replicas, JdbcTemplate jdbc, TransactionTemplate transactions, ReadAdmission admission) {
        return new AdmittedReads(
                replicas.isEmpty() ? ReadRouter.primary(jdbc, transactions) : replicas.routing(), admission);
    }

    /** {@code music.reads.refused}, {@code music.reads.running} and {@code music.reads.waiting}. */
    @Bean
    MeterBinder readAdmissionMetrics(ReadAdmission admission) {
        return registry -> {
            FunctionCounter.builder("music.reads.refused", admission, ReadAdmission::refused)
                    .description("Catalog reads answered 503 because as many as may wait already did")
                    .register(registry);
            Gauge.builder("music.reads.running", admission, ReadAdmission::running)
                    .description("Catalog reads running now")
                    .register(registry);
            Gauge.builder("music.reads.waiting", admission, ReadAdmission::waiting)
                    .description("Catalog reads waiting for their turn now")
                    .register(registry);
        };
    }

    @Bean
    MeterBinder replicaMetrics(ReplicaSet replicas) {
        return replicas::bindTo;
    }
}
