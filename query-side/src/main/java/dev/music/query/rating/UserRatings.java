package dev.music.query.rating;

import dev.music.query.ReadRouter;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads of {@code user_ratings}: a user's ratings, newest first. */
@Repository
public class UserRatings {

    private final JdbcTemplate jdbc;

    public UserRatings(ReadRouter reads) {
        this.jdbc = reads.jdbc();
    }

    public long count(long userId) {
        Long count = jdbc.queryForObject("select count(*) from user_ratings where user_id = ?", Long.class, userId);
        return count == null ? 0 : count;
    }

    /** Ratings of songs since removed from the catalog are kept, with their song's last title unknown (null). */
    public List<UserRatingRow> find(long userId, long offset, int limit) {
        return jdbc.query(
                "select r.song_id, s.spotify_id, s.title, r.stars, r.rated_at from user_ratings r"
                        + " left join songs s on s.id = r.song_id where r.user_id = ?"
                        + " order by r.rated_at desc, r.song_id limit ? offset ?",
                (rs, n) -> new UserRatingRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getTimestamp(5).toInstant()),
                userId,
                limit,
                offset);
    }
}
