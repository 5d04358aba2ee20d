package dev.music.app.config;

import java.time.Clock;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Small shared pieces: time, password hashing, audit metadata on events. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** bcrypt today; hashes carry their algorithm's name, so a stronger one can follow without resets. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Who asked and under which request travel from each command to the events it causes. */
    @Bean
    CorrelationDataProvider auditMetaData() {
        return new SimpleCorrelationDataProvider("userId", "requestId", "correlationId");
    }
}
