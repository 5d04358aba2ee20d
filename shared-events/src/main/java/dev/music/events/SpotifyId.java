package dev.music.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A song's id in the source catalog: 22 characters of base 62, as Spotify issues them. */
public record SpotifyId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9A-Za-z]{22}");

    public SpotifyId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a Spotify id (22 letters and digits): " + value);
        }
    }

    @JsonCreator
    public static SpotifyId of(String value) {
        return new SpotifyId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
