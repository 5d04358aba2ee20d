package dev.music.command.catalog;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A fingerprint of a song's details, so a re-import can tell an unchanged row from a correction. */
final class SongDetailsHash {

    private SongDetailsHash() {}

    static byte[] of(String title, AudioFeatures features) {
        StringBuilder text = new StringBuilder(title.length() + 200).append(title);
        for (AudioFeature feature : AudioFeature.ALL) {
            text.append('\u0000').append(features.get(feature));
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
