package dev.music.app.config;

import java.util.Map;
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
                // The pool's connections end a transaction left idle for 30 s. Flyway's default lock is
                // such a transaction, held open on one connection while another migrates: a migration
                // longer than that (an index built over a million songs) would lose the lock midway.
                // A session-level advisory lock holds the migration out of other nodes' way without it.
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load();
        flyway.migrate();
        return flyway;
    }
}
