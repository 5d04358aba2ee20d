package dev.music.query.song;

/**
 * The {@code songs} projection: one streaming processor for every projector that writes the
 * {@code songs} table ({@link SongCatalogProjector}, {@link SongRatingProjector}), its events
 * split among segments by {@link SongSequencingPolicy}.
 */
public final class SongProjection {

    /** The processing group, processor and projection name. */
    public static final String NAME = "songs";
    /** The bean name of its sequencing policy, which the processor's configuration refers to. */
    public static final String SEQUENCING_POLICY = "songSequencingPolicy";

    private SongProjection() {}
}
