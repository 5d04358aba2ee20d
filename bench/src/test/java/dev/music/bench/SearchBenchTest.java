package dev.music.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SearchBenchTest {

    /** The SQL side compares like with like only when its sessions are set up as the service's are. */
    @Test
    void theSqlSideStartsItsSessionsAsTheServiceDoes() throws Exception {
        String serviceConfig = Files.readString(Path.of("../app/src/main/resources/application.yml"));

        assertThat(serviceConfig).contains("connection-init-sql: " + SearchBench.SERVICE_SESSION + "\n");
    }
}
