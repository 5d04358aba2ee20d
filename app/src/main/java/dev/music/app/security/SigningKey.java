package dev.music.app.security;

import dev.music.app.config.EmbeddedPostgresProperties;
import dev.music.app.config.JwtProperties;
import io.jsonwebtoken.security.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;

/** Where the token-signing key comes from; see {@link JwtProperties}. */
final class SigningKey {

    static final int MIN_BYTES = 32;

    private SigningKey() {}

    static SecretKey resolve(JwtProperties jwt, boolean embeddedDatabase, EmbeddedPostgresProperties embedded) {
        if (jwt.secret() != null && !jwt.secret().isBlank()) {
            return fromText(jwt.secret(), "music.jwt.secret (MUSIC_JWT_SECRET)");
        }
        if (jwt.secretFile() != null) {
            return fromText(read(jwt.secretFile()), "the file " + jwt.secretFile());
        }
        if (!embeddedDatabase) {
            throw new IllegalStateException("No token-signing key: set MUSIC_JWT_SECRET (at least " + MIN_BYTES
                    + " bytes) or music.jwt.secret-file. Every node of a deployment must share it.");
        }
        Path file = embedded.dataDir().toAbsolutePath().resolveSibling("jwt-secret");
        if (!Files.exists(file)) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            write(file, Base64.getEncoder().encodeToString(random));
        }
        return fromText(read(file), "the generated key file " + file);
    }

    private static SecretKey fromText(String secret, String source) {
        byte[] bytes = secret.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException("The token-signing key from " + source + " is " + bytes.length
                    + " bytes; it must be at least " + MIN_BYTES + " bytes (256 bits).");
        }
        return Keys.hmacShaKeyFor(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token-signing key from " + file, e);
        }
    }

    private static void write(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions protect it
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token-signing key to " + file, e);
        }
    }
}
