package dev.music.query.similar;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongTables;
import dev.music.query.song.Sound;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Songs for a listener ({@code GET /api/me/recommendations/}): the listener's taste is the mean
 * sound of the songs they now rate 4 or 5 stars; the songs nearest to it that they have not rated,
 * nearest first, ties by ascending id, each with the liked song it is nearest to. A listener who
 * likes nothing yet is offered the most rated songs they have not rated.
 */
@ConditionalOnQuerySide
@Component
public class Recommendations {

    /** The fewest stars of a liked song. */
    static final int LIKED = 4;

    private static final String LIKED_SONGS = "select t.id, s.title, t.sound::text as sound from "
            + SongTables.SERVING.userRatings() + " r join " + SongTables.SERVING.songs() + " s on s.id = r.song_id"
            + " join " + SongTables.SERVING.sounds() + " t on t.id = r.song_id"
            + " where r.user_id = ? and r.stars >= " + LIKED + " order by t.id";

    private static final String MOST_RATED = "select " + SongRow.columnsOf("s") + " from "
            + SongTables.SERVING.rankings() + " k join " + SongTables.SERVING.songs() + " s on s.id = k.id"
            + " where not exists (select 1 from " + SongTables.SERVING.userRatings()
            + " r where r.user_id = ? and r.song_id = k.id)"
            + " order by k.total_ratings desc, k.id limit ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final NearestSongs nearest;

    public Recommendations(ReadRouter reads) {
        this.jdbc = reads.jdbc();
        this.nearest = new NearestSongs(jdbc);
        // The liked songs and the songs rated are read in one snapshot: a song rated between the two
        // reads is either in the taste and left out of the answer, or neither.
        this.snapshot = new TransactionTemplate(reads.transactions().getTransactionManager());
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** The {@code count} songs for this user. */
    public List<Recommendation> of(long userId, int count) {
        return snapshot.execute(status -> {
            List<Liked> liked = jdbc.query(
                    LIKED_SONGS,
                    (rs, n) -> new Liked(
                            new LikedSong(rs.getLong("id"), rs.getString("title")), Sound.parse(rs.getString("sound"))),
                    userId);
            if (liked.isEmpty()) {
                return jdbc.query(
                        MOST_RATED, (rs, n) -> new Recommendation(SongRow.read(rs), null, null), userId, count);
            }
            Sound taste = Sound.mean(liked.stream().map(Liked::sound).toList());
            return nearest.unratedBy(userId, taste, count).stream()
                    .map(near -> new Recommendation(near.song(), near.distance(), nearestOf(liked, near.sound())))
                    .toList();
        });
    }

    /** The liked song whose sound is nearest to this one; of equally near ones the lowest id (the list is by id). */
    private static LikedSong nearestOf(List<Liked> liked, Sound sound) {
        Liked best = liked.get(0);
        double bestDistance = best.sound().distanceTo(sound);
        for (Liked candidate : liked.subList(1, liked.size())) {
            double distance = candidate.sound().distanceTo(sound);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best.song();
    }

    private record Liked(LikedSong song, Sound sound) {}
}
