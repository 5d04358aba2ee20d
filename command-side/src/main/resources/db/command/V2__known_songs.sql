-- The command side's lookup of the catalog: which Spotify ids are known, under which numeric
-- id, with a hash of their details (to tell an unchanged row from a correction on re-import),
-- and whether they were removed. Written in the same transaction as the catalog events.
create sequence song_id_seq as bigint start with 1 increment by 1 cache 1;

create table known_songs (
    spotify_id   varchar(22) primary key,
    song_id      bigint      not null,
    details_hash bytea       not null,
    removed      boolean     not null default false,
    constraint known_songs_song_id_key unique (song_id)
);
