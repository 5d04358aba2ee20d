-- Each user's current rating of each song, for GET /api/me/ratings/ (newest first).
create table user_ratings (
    user_id  bigint      not null,
    song_id  bigint      not null,
    stars    smallint    not null,
    rated_at timestamptz not null,
    primary key (user_id, song_id)
);

create index user_ratings_newest_idx on user_ratings (user_id, rated_at desc, song_id);
