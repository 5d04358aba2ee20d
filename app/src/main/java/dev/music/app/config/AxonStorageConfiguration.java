package dev.music.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.music.eventstore.EventStoreTables;
import dev.music.eventstore.PositionReportingEventStorageEngine;
import dev.music.query.projection.ProcessorTables;
import dev.music.query.projection.ProjectionProperties;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store and token store over the tables
 * the Flyway migrations create, events and tokens as JSON (Jackson 2, which Axon 4 speaks) in
 * {@code bytea}, never Java serialization, XStream or large objects.
 */
@Configuration(proxyBeanMethods = false)
// Axon's own axon.eventhandling.tokenstore.*, bound under the name its JDBC auto-configuration uses when it applies
@EnableConfigurationProperties(TokenStoreProperties.class)
class AxonStorageConfiguration {

    /** How many events the event store reads per query: when processors stream it, and of an aggregate it loads. */
    static final int EVENT_READ_BATCH = 1_000;

    /** Axon's own mapper: ISO-8601 instants, tolerant of fields added by later revisions. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EventStoreTables.EVENTS)
                .snapshotTable(EventStoreTables.SNAPSHOTS)
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable(ProcessorTables.TOKENS)
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /*
     * Axon's JDBC auto-configuration only applies when it sees the DataSource before Boot has
     * made it, so the JDBC pieces are declared here rather than left to chance (without them Axon
     * would quietly fall back to an in-memory token store).
     */

    /**
     * Axon's own transaction auto-configuration waits for a class Boot 4 has moved, and without
     * this bean Axon would run every unit of work without a transaction: a projector's token
     * would commit apart from the rows it stands for.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** PostgreSQL reports a unique violation (a concurrent append to one aggregate) as SQL state 23505. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            Serializer serializer,
            TokenSchema tokenSchema,
            TokenStoreProperties tokenStoreProperties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .contentType(byte[].class)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .build();
    }

    /**
     * The event store, polling the database for events appended by other processes (or by the
     * catalog importer, which appends in bulk) every {@code music.projection.poll-interval}
     * while processors are caught up; Axon's default of a second would be the floor of every
     * read-your-writes wait.
     */
    @Bean("eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            ProjectionProperties projection) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(projection.pollInterval().toMillis())
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            ProjectionProperties projection) {
        return new PositionReportingEventStorageEngine(
                JdbcEventStorageEngine.builder()
                        .snapshotSerializer(defaultSerializer)
                        .upcasterChain(configuration.upcasterChain())
                        .persistenceExceptionResolver(persistenceExceptionResolver)
                        .eventSerializer(eventSerializer)
                        .snapshotFilter(configuration.snapshotFilter())
                        .connectionProvider(connectionProvider)
                        .batchSize(EVENT_READ_BATCH)
                        // An aggregate's events are read by ranges of sequence numbers, which no event
                        // store here leaves gaps in: a range not filled is the last one. Axon's JDBC
                        // engine would otherwise read once more to find it empty (two reads per re-rating).
                        .finalAggregateBatchPredicate(batch -> batch.size() < EVENT_READ_BATCH),
                transactionManager,
                eventSchema,
                projection.gapTimeout());
    }
}
