-- The read model: owned by the query side, rebuilt from the event store at will.
create extension if not exists pg_trgm;

-- Positions of the streaming projectors, written in the transaction of the rows they produce.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);

-- One row per song of the catalog, denormalized with its rating figures.
create table songs (
    id               bigint primary key,
    spotify_id       varchar(22)      not null,
    title            text             not null,
    average_rating   double precision not null default 0,
    total_ratings    bigint           not null default 0,
    rating_sum       bigint           not null default 0,
    danceability     double precision not null,
    energy           double precision not null,
    key              integer          not null,
    loudness         double precision not null,
    mode             integer          not null,
    acousticness     double precision not null,
    instrumentalness double precision not null,
    liveness         double precision not null,
    valence          double precision not null,
    tempo            double precision not null,
    duration_ms      bigint           not null,
    time_signature   integer          not null,
    num_bars         integer          not null,
    num_sections     integer          not null,
    num_segments     integer          not null,
    constraint songs_spotify_id_key unique (spotify_id)
);

-- Case-insensitive substring search on the title (ILIKE '%term%').
create index songs_title_trgm_idx on songs using gin (title gin_trgm_ops);
-- Exact title lookups (GET /api/music/{title}/).
create index songs_title_idx on songs (title);
-- The default ordering, -total_ratings with the id as tie-breaker.
create index songs_total_ratings_idx on songs (total_ratings desc, id);
