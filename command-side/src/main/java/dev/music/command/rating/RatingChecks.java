package dev.music.command.rating;

import dev.music.eventstore.GroupCommit;
import dev.music.eventstore.PositionedCommands.Command;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a rating needs before it is appended, for a whole batch in one round trip: that its song
 * is in the catalog and its rater's account still exists. Asked of the database each time, never
 * remembered, so that a removed song or a deleted account is refused at once, whichever node or
 * command-line process removed it.
 */
@Component
class RatingChecks implements GroupCommit.Check {

    private final JdbcTemplate jdbc;

    RatingChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RuntimeException> refusals(List<Command> batch) {
        Long[] songs = new Long[batch.size()];
        Long[] users = new Long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            SubmitRating rating = (SubmitRating) batch.get(i).payload();
            songs[i] = rating.songId();
            users[i] = rating.userId();
        }
        return Arrays.asList(refusals(songs, users));
    }

    /** Why this user cannot rate this song: an unknown account first, then an unknown song; null when nothing. */
    RuntimeException refusal(long songId, long userId) {
        return refusals(new Long[] {songId}, new Long[] {userId})[0];
    }

    private RuntimeException[] refusals(Long[] songs, Long[] users) {
        RuntimeException[] refusals = new RuntimeException[songs.length];
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement("""
                            select c.n, s.song_id is not null, a.id is not null
                            from unnest(?::bigint[], ?::bigint[]) with ordinality as c (song, account, n)
                            left join known_songs s on s.song_id = c.song and not s.removed
                            left join accounts a on a.id = c.account""");
                    statement.setArray(1, connection.createArrayOf("bigint", songs));
                    statement.setArray(2, connection.createArrayOf("bigint", users));
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
}
