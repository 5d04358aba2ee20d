package dev.music.query.similar;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongTables;
import dev.music.query.song.Sound;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The songs that sound most like one song ({@code GET /api/songs/{spotify_id}/similar/}): the
 * nearest sounds to its own, itself left out, each with the three features it is closest in.
 */
@ConditionalOnQuerySide
@Component
public class SimilarSongs {

    /** How many features an answer names that each song is closest in. */
    static final int CLOSEST_FEATURES = 3;

    private static final String SONG_AND_SOUND = "select " + SongRow.columnsOf("s") + ", t.sound::text as sound"
            + " from " + SongTables.SERVING.songs() + " s left join " + SongTables.SERVING.sounds()
            + " t on t.id = s.id where s.spotify_id = ?";

    private final JdbcTemplate jdbc;
    private final NearestSongs nearest;

    public SimilarSongs(ReadRouter reads) {
        this.jdbc = reads.jdbc();
        this.nearest = new NearestSongs(jdbc);
    }

    /**
     * The {@code count} songs nearest to this one, nearest first, ties by ascending id; empty when
     * no song of the catalog has this Spotify id. A song without a sound (none is imported so, but
     * the read model does not rely on it) has no similar songs.
     */
    public Optional<List<SimilarSong>> of(String spotifyId, int count) {
        List<Target> found = jdbc.query(
                SONG_AND_SOUND,
                (rs, n) -> new Target(
                        SongRow.read(rs), rs.getString("sound") == null ? null : Sound.parse(rs.getString("sound"))),
                spotifyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Target target = found.get(0);
        if (target.sound() == null) {
            return Optional.of(List.of());
        }
        return Optional.of(nearest.besides(target.song().id(), target.sound(), count).stream()
                .map(near -> new SimilarSong(
                        near.song(), near.distance(), target.sound().closestIn(near.sound(), CLOSEST_FEATURES)))
                .toList());
    }

    private record Target(SongRow song, Sound sound) {}
}
