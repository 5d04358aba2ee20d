-- With every row's title_words filled (V11): the index that finds the titles holding a word, the
-- vocabulary of the catalog's titles, and the triggers that keep it as songs come and change. A
-- vocabulary word whose last title went stays: it finds no song.
create index songs_title_words_idx on songs using gin (title_words);

-- Adds every word of the titles that the vocabulary lacks: here, and after a rebuild has put new
-- tables in place, whose bulk writes the triggers did not see.
create function title_vocabulary_fill() returns void
    language sql
as $$
    select title_vocabulary_add(array(select distinct unnest(title_words) from songs));
$$;

select title_vocabulary_fill();

create function title_vocabulary_songs_added() returns trigger language plpgsql as $$
begin
    perform title_vocabulary_add(array(select distinct unnest(title_words) from added));
    return null;
end $$;

create function title_vocabulary_song_changed() returns trigger language plpgsql as $$
begin
    perform title_vocabulary_add(new.title_words);
    return null;
end $$;

create trigger songs_title_vocabulary_added after insert on songs
    referencing new table as added for each statement execute function title_vocabulary_songs_added();

-- A rating's update sets neither column: it never fires this.
create trigger songs_title_vocabulary_changed after update of title_words on songs
    for each row when (old.title_words is distinct from new.title_words)
    execute function title_vocabulary_song_changed();
