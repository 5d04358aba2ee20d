package dev.music.app.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each side owns its tables and migrates them with its own history, so the two sides' migration
 * versions never have to be interleaved: the event store and command lookups from
 * {@code db/command}, the read model from {@code db/query}.
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigrations {

    @Bean
    Flyway commandSchema(DataSource dataSource) {
        return migrate(dataSource, "db/command", "flyway_history_command");
    }

    @Bean
    Flyway querySchema(DataSource dataSource, Flyway commandSchema) {
        return migrate(dataSource, "db/query", "flyway_history_query");
    }

    private static Flyway migrate(DataSource dataSource, String location, String historyTable) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + location)
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        flyway.migrate();
        return flyway;
    }
}
