package dev.music.query.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The replica setting as an operator writes it: several URLs, each of one host or of several. */
class ReplicaUrlsTest {

    private static ReplicaProperties bound(String setting) {
        return new Binder(new MapConfigurationPropertySource(Map.of("music.replica.url", setting)))
                .bindOrCreate("music.replica", ReplicaProperties.class);
    }

    @Test
    void aUrlOverSeveralHostsStaysWholeBesideOthers() {
        ReplicaProperties properties = bound("jdbc:postgresql://r1:5432,r2:5433/music?targetServerType=preferStandby,"
                + " jdbc:postgresql://r3/music?user=reader,");

        assertThat(properties.url())
                .containsExactly(
                        "jdbc:postgresql://r1:5432,r2:5433/music?targetServerType=preferStandby",
                        "jdbc:postgresql://r3/music?user=reader");
    }

    @Test
    void aReplicaIsNamedByEachOfItsHostsWithoutCredentials() {
        assertThat(Replica.nameOf("jdbc:postgresql://r1,r2:5433/music?targetServerType=preferStandby&password=x"))
                .isEqualTo("r1:5432,r2:5433/music");
        assertThat(Replica.nameOf("jdbc:postgresql://user:secret@r3/music")).isEqualTo("replica");
        assertThat(Replica.nameOf("jdbc:postgresql://r3/music?user=reader")).isEqualTo("r3:5432/music");
        assertThat(Replica.nameOf("not a url")).isEqualTo("replica");
    }
}
