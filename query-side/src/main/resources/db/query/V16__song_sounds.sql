-- Songs like this one, and songs for a listener (GET /api/songs/{id}/similar/, /api/me/recommendations/):
-- each song's sound, the 8 audio features the API compares, each in [0, 1], as a point of the cube
-- extension, whose GiST index answers ORDER BY sound <-> target LIMIT k (Euclidean) by a walk of the
-- index in distance order, exact. Kept beside songs, as song_titles is, so that the 20-column song
-- rows do not widen for it; the projector writes it with songs, in the same transactions.
create extension if not exists cube;

-- The one definition of a sound, for the projector's and a rebuild's writes alike: loudness
-- (dB, about -60 to 0) and tempo (BPM, up to about 250) are scaled and clipped to [0, 1].
create function song_sound(danceability double precision, energy double precision, acousticness double precision,
                           instrumentalness double precision, liveness double precision, valence double precision,
                           loudness double precision, tempo double precision) returns cube
    language sql immutable strict parallel safe
as $$
    select cube(array[danceability, energy, acousticness, instrumentalness, liveness, valence,
                      least(greatest((loudness + 60) / 60, 0), 1), least(greatest(tempo / 250, 0), 1)])
$$;

create table song_sounds (
    id    bigint primary key,
    sound cube   not null
);

insert into song_sounds (id, sound)
select id, song_sound(danceability, energy, acousticness, instrumentalness, liveness, valence, loudness, tempo)
from songs;

-- The nearest sounds first: the similar songs and the recommendations walk it.
create index song_sounds_sound_idx on song_sounds using gist (sound);

analyze song_sounds;
