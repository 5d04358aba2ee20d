package dev.music.command.rating;

import dev.music.eventstore.GroupCommit;
import dev.music.eventstore.PositionedCommands.Command;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a rating may be appended: its rater's account still exists
 * (asked first, as a removed account's token is refused on any route), then its song is in the
 * catalog. A group commit asks it once for its whole batch, a rating sent alone or one whose body
 * has problems asks it for one; either way one round trip. Asked of the database each time,
 * never remembered, so that a removed song or a deleted account is refused at once, whichever
 * node or command-line process removed it.
 */
@Component
class RatingChecks implements GroupCommit.Check {

    private final JdbcTemplate jdbc;

    RatingChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RuntimeException> refusals(List<Command> batch) {
        long[] songs = new long[batch.size()];
        long[] users = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            SubmitRating rating = (SubmitRating) batch.get(i).payload();
            songs[i] = rating.songId();
            users[i] = rating.userId();
        }
        return Arrays.asList(refusals(songs, users));
    }

    /** Why this user cannot rate this song, if they cannot. */
    Optional<RatingRefusedException> refusal(long songId, long userId) {
        return Optional.ofNullable(refusals(new long[] {songId}, new long[] {userId})[0]);
    }

    private RatingRefusedException[] refusals(long[] songs, long[] users) {
        RatingRefusedException[] refusals = new RatingRefusedException[songs.length];
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement("""
                            select c.n, s.song_id is not null, a.id is not null
                            from unnest(?::bigint[], ?::bigint[]) with ordinality as c (song, account, n)
                            left join known_songs s on s.song_id = c.song and not s.removed
                            left join accounts a on a.id = c.account""");
                    statement.setArray(1, connection.createArrayOf("bigint", boxed(songs)));
                    statement.setArray(2, connection.createArrayOf("bigint", boxed(users)));
                    return statement;
                },
                row -> {
                    int i = row.getInt(1) - 1;
                    if (!row.getBoolean(3)) {
                        refusals[i] = new UnknownAccountException(users[i]);
                    } else if (!row.getBoolean(2)) {
                        refusals[i] = new UnknownSongException(songs[i]);
                    }
                });
        return refusals;
    }

    private static Long[] boxed(long[] ids) {
        return Arrays.stream(ids).boxed().toArray(Long[]::new);
    }
}
