package dev.music.query.projection;

import dev.music.eventstore.EventStoreTables;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recounts from the event store what the songs projection keeps, and lists where the read model
 * differs: the catalog (every song added and not removed, with its latest details), each song's
 * {@code total_ratings}, rating sum and {@code average_rating} from the latest rating of each
 * user, the rankings, titles and sounds against the songs' own rows, and each user's current ratings. Meant
 * for a quiet moment: writes that land while it runs can show up as differences.
 */
@Component
public class ProjectionVerifier {

    /** At most this many differences of each kind are listed. */
    static final int LISTED = 20;

    private static final String LATEST_RATINGS = """
            latest as (
                select distinct on (aggregate_identifier) convert_from(payload, 'UTF8')::jsonb as p
                from %s where payload_type = 'dev.music.events.RatingSubmitted'
                order by aggregate_identifier, sequence_number desc)
            """.formatted(EventStoreTables.EVENTS);

    private static final String LATEST_SONGS = """
            latest_song as (
                select distinct on (aggregate_identifier) payload_type, convert_from(payload, 'UTF8')::jsonb as p
                from %s where payload_type in ('dev.music.events.SongAddedToCatalog',
                    'dev.music.events.SongDetailsCorrected', 'dev.music.events.SongRemovedFromCatalog')
                order by aggregate_identifier, sequence_number desc),
            catalog as (
                select (p->>'songId')::bigint as id, p->>'title' as title from latest_song
                where payload_type <> 'dev.music.events.SongRemovedFromCatalog')
            """.formatted(EventStoreTables.EVENTS);

    private final JdbcTemplate jdbc;

    public ProjectionVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> differences() {
        List<String> differences = new ArrayList<>();
        differences.addAll(jdbc.query(
                "with " + LATEST_SONGS + """
                select coalesce(c.id, s.id), c.title, s.title from catalog c full join songs s on s.id = c.id
                where c.id is null or s.id is null or c.title is distinct from s.title
                order by 1 limit ?""",
                (rs, n) -> {
                    long id = rs.getLong(1);
                    String expected = rs.getString(2);
                    String actual = rs.getString(3);
                    return expected == null
                            ? "song " + id + ": in the read model but not in the catalog"
                            : actual == null
                                    ? "song " + id + ": in the catalog but missing from the read model"
                                    : "song " + id + ": title is \"" + actual + "\", the events say \"" + expected
                                            + "\"";
                },
                LISTED));
        differences.addAll(jdbc.query(
                "with " + LATEST_RATINGS + """
                , counted as (
                    select (p->>'songId')::bigint as song_id, count(*) as ratings, sum((p->>'stars')::int) as stars
                    from latest group by 1)
                select s.id, s.total_ratings, s.rating_sum, s.average_rating,
                       coalesce(c.ratings, 0), coalesce(c.stars, 0)
                from songs s left join counted c on c.song_id = s.id
                where s.total_ratings <> coalesce(c.ratings, 0) or s.rating_sum <> coalesce(c.stars, 0)
                   or abs(s.average_rating - coalesce(c.stars::double precision / c.ratings, 0)) > 1e-9
                order by s.id limit ?""",
                (rs, n) -> String.format(
                        "song %d: total_ratings %d, stars %d, average_rating %s; the events say %d ratings, %d stars",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getLong(5), rs.getLong(6)),
                LISTED));
        differences.addAll(jdbc.query(
                """
                select coalesce(s.id, r.id), s.total_ratings, s.average_rating, r.total_ratings, r.average_rating
                from songs s full join song_rankings r on r.id = s.id
                where s.id is null or r.id is null or r.total_ratings <> s.total_ratings
                   or r.average_rating <> s.average_rating
                order by 1 limit ?""",
                (rs, n) -> String.format(
                        "song %d: rankings say %s ratings, average %s; the song row %s, %s",
                        rs.getLong(1), rs.getObject(4), rs.getObject(5), rs.getObject(2), rs.getObject(3)),
                LISTED));
        differences.addAll(jdbc.query(
                """
                select coalesce(s.id, t.id), s.title, t.title
                from songs s full join song_titles t on t.id = s.id
                where s.id is null or t.id is null or t.title <> s.title
                order by 1 limit ?""",
                (rs, n) -> String.format(
                        "song %d: song_titles says \"%s\"; the song row \"%s\"",
                        rs.getLong(1), rs.getString(3), rs.getString(2)),
                LISTED));
        differences.addAll(jdbc.query(
                """
                select coalesce(s.id, t.id), t.sound::text, song_sound(s.danceability, s.energy, s.acousticness,
                       s.instrumentalness, s.liveness, s.valence, s.loudness, s.tempo)::text
                from songs s full join song_sounds t on t.id = s.id
                where s.id is null or t.id is null or t.sound <> song_sound(s.danceability, s.energy, s.acousticness,
                      s.instrumentalness, s.liveness, s.valence, s.loudness, s.tempo)
                order by 1 limit ?""",
                (rs, n) -> String.format(
                        "song %d: song_sounds says %s; the song row's features %s",
                        rs.getLong(1), rs.getString(2), rs.getString(3)),
                LISTED));
        // A sound outside its cell's box would be missed by the similar songs that should name it.
        differences.addAll(jdbc.query(
                """
                select t.id, t.sound::text, t.cell, c.box::text
                from song_sounds t left join sound_cells c on c.cell = t.cell
                where c.cell is null or not c.box @> t.sound
                order by 1 limit ?""",
                (rs, n) -> String.format(
                        "song %d: its sound %s is outside its cell %d, %s",
                        rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)),
                LISTED));
        differences.addAll(jdbc.query(
                "with " + LATEST_RATINGS + """
                , expected as (
                    select (p->>'userId')::bigint as user_id, (p->>'songId')::bigint as song_id,
                           (p->>'stars')::int as stars from latest)
                select coalesce(e.user_id, r.user_id), coalesce(e.song_id, r.song_id), e.stars, r.stars
                from expected e full join user_ratings r on r.user_id = e.user_id and r.song_id = e.song_id
                where e.stars is distinct from r.stars
                order by 1, 2 limit ?""",
                (rs, n) -> String.format(
                        "user %d, song %d: rating %s in the read model, %s in the events",
                        rs.getLong(1), rs.getLong(2), rs.getObject(4), rs.getObject(3)),
                LISTED));
        return differences;
    }

    /** How much was compared, for the report. */
    public String extent() {
        return jdbc.queryForObject(
                "select format('%s songs, %s songs with ratings, %s user ratings',"
                        + " (select count(*) from songs), (select count(*) from songs where total_ratings > 0),"
                        + " (select count(*) from user_ratings))",
                String.class);
    }
}
