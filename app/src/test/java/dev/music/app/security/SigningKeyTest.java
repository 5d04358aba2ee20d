package dev.music.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.music.app.config.EmbeddedPostgresProperties;
import dev.music.app.config.JwtProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @Test
    void anExternalDatabaseWithoutAKeyRefusesToStart(@TempDir Path dir) {
        assertThatThrownBy(() -> SigningKey.resolve(
                        new JwtProperties(null, null),
                        false,
                        new EmbeddedPostgresProperties(dir.resolve("postgres"), 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MUSIC_JWT_SECRET");
    }

    @Test
    void aShortKeyIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> SigningKey.resolve(
                        new JwtProperties("too-short", null), false, new EmbeddedPostgresProperties(dir, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void theEmbeddedDefaultMakesAKeyOnceAndKeepsIt(@TempDir Path dir) throws Exception {
        EmbeddedPostgresProperties embedded = new EmbeddedPostgresProperties(dir.resolve("postgres"), 0);
        var first = SigningKey.resolve(new JwtProperties(null, null), true, embedded);
        var second = SigningKey.resolve(new JwtProperties(null, null), true, embedded);
        assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
        assertThat(Files.getPosixFilePermissions(dir.resolve("jwt-secret")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aKeyFileIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "a-key-from-a-file-that-is-long-enough-for-hs256\n");
        var key = SigningKey.resolve(new JwtProperties(null, file), false, new EmbeddedPostgresProperties(dir, 0));
        assertThat(new String(key.getEncoded())).isEqualTo("a-key-from-a-file-that-is-long-enough-for-hs256");
    }
}
