package dev.music.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A rating: one to five stars. */
public record Stars(int value) {

    public static final int MIN = 1;
    public static final int MAX = 5;

    public Stars {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("stars must be between " + MIN + " and " + MAX + ": " + value);
        }
    }

    @JsonCreator
    public static Stars of(int value) {
        return new Stars(value);
    }

    @JsonValue
    @Override
    public int value() {
        return value;
    }
}
