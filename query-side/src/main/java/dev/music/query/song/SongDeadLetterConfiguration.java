package dev.music.query.song;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.projection.ProcessorTables;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The songs projection parks an event it cannot apply, with the later events of the same song,
 * in a dead-letter queue in the database ({@code dead_letter_entry}, in the transaction of the
 * batch), and goes on with the other songs.
 */
@ConditionalOnQuerySide
@Configuration(proxyBeanMethods = false)
class SongDeadLetterConfiguration {

    /** Songs with parked events, at most: beyond it a segment stops, as something is wrong with all of them. */
    static final int MAX_SONGS = 10_000;

    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable(ProcessorTables.DEAD_LETTERS)
            .build();

    @Bean
    ConfigurerModule songDeadLetterQueue(ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        return configurer -> configurer
                .eventProcessing()
                .registerDeadLetterQueue(
                        SongProjection.NAME,
                        configuration -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(SongProjection.NAME)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(SCHEMA)
                                .genericSerializer(configuration.serializer())
                                .eventSerializer(configuration.eventSerializer())
                                .maxSequences(MAX_SONGS)
                                .build());
    }
}
