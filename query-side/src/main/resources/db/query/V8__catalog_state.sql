-- What the catalog holds, kept by the database itself as the songs table changes: how many songs
-- there are (the count of the unfiltered list) and a version that every change of the catalog's
-- rows moves on (a song added, corrected or removed; a rating is not such a change). A count of a
-- title or feature filter is remembered with the version it was counted at and is exact for as
-- long as the version stays; the epoch tells this database's versions from another's.
create table catalog_state (
    one     boolean primary key default true check (one),
    epoch   uuid    not null default gen_random_uuid(),
    version bigint  not null,
    songs   bigint  not null
);

insert into catalog_state (version, songs) select 1, count(*) from songs;

create function catalog_songs_added() returns trigger language plpgsql as $$
begin
    update catalog_state set songs = songs + (select count(*) from added), version = version + 1;
    return null;
end $$;

create function catalog_songs_removed() returns trigger language plpgsql as $$
begin
    update catalog_state set songs = songs - (select count(*) from removed), version = version + 1;
    return null;
end $$;

create function catalog_songs_changed() returns trigger language plpgsql as $$
begin
    update catalog_state set version = version + 1;
    return null;
end $$;

-- Statement triggers: one update of catalog_state per statement, however many rows it writes.
create trigger catalog_songs_added after insert on songs
    referencing new table as added for each statement execute function catalog_songs_added();
create trigger catalog_songs_removed after delete on songs
    referencing old table as removed for each statement execute function catalog_songs_removed();
-- Only statements that set a column a filter reads, never the rating projector's.
create trigger catalog_songs_changed after update of title, danceability, energy, key, loudness, mode,
        acousticness, instrumentalness, liveness, valence, tempo, duration_ms, time_signature, num_bars,
        num_sections, num_segments on songs
    for each statement execute function catalog_songs_changed();
