package dev.music.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which URLs may land the service on a standby after a failover. */
class PrimaryWatchUrlTest {

    @Test
    void severalHostsNeedTheirPrimaryAskedFor() {
        assertThat(PrimaryWatch.failsOverBlindly("jdbc:postgresql://db1,db2/music"))
                .isTrue();
        assertThat(PrimaryWatch.failsOverBlindly("jdbc:postgresql://db1:5432,db2:5433/music?targetServerType=any"))
                .isTrue();
        assertThat(PrimaryWatch.failsOverBlindly("jdbc:postgresql://db1,db2/music?targetServerType=preferPrimary"))
                .isTrue();
        assertThat(PrimaryWatch.failsOverBlindly("jdbc:postgresql://db1,db2/music?targetServerType=primary"))
                .isFalse();
        assertThat(PrimaryWatch.failsOverBlindly("jdbc:postgresql://db1,db2/music?user=music&targetServerType=master"))
                .isFalse();
    }

    @Test
    void oneHostIsWhatItIs() {
        assertThat(PrimaryWatch.failsOverBlindly("jdbc:postgresql://db1/music")).isFalse();
        assertThat(PrimaryWatch.failsOverBlindly("jdbc:postgresql://localhost:5432/music?user=postgres"))
                .isFalse();
        assertThat(PrimaryWatch.failsOverBlindly("not a url")).isFalse();
    }
}
