-- Each song's rating figures again, indexed for the orderings by them. A rating then changes no
-- indexed column of songs: PostgreSQL updates the row in place (HOT) when the page has room,
-- which the fill factor leaves, instead of adding entries to the title and feature indexes.
create table song_rankings (
    id             bigint primary key,
    total_ratings  bigint           not null default 0,
    average_rating double precision not null default 0
);

insert into song_rankings (id, total_ratings, average_rating) select id, total_ratings, average_rating from songs;

create index song_rankings_total_ratings_idx on song_rankings (total_ratings desc, id);
create index song_rankings_average_rating_idx on song_rankings (average_rating desc, id);

drop index songs_total_ratings_idx;
drop index songs_average_rating_idx;

alter table songs set (fillfactor = 80);
