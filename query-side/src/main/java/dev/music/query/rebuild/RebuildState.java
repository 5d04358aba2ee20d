package dev.music.query.rebuild;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a rebuild stands, under the name the API shows and the {@code projection_rebuilds} table stores. */
public enum RebuildState {
    COPYING("copying"),
    INDEXING("indexing"),
    CATCHING_UP("catching up"),
    SWAPPING("swapping"),
    DONE("done"),
    FAILED("failed");

    private final String value;

    RebuildState(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public boolean finished() {
        return this == DONE || this == FAILED;
    }

    /** The state stored under this name. */
    static RebuildState of(String value) {
        for (RebuildState state : values()) {
            if (state.value.equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no rebuild state named " + value);
    }
}
