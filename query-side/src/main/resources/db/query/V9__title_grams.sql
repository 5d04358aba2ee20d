-- A title term of one or two characters ("a", "Mø", "東京") has no trigram: the trigram index cannot
-- find it, and a scan of every title can. Its own index holds each title's distinct one- and
-- two-character pieces, lower-cased as ILIKE compares them; a term's pieces that are all among a
-- title's are what it takes for the title to contain it, and ILIKE then checks that it does.
-- GIN drops the repeated pieces itself, so the function need not (sorting them here took three
-- times as long to index).
create function title_grams(title text) returns text[]
    language sql immutable strict parallel safe
as $$
    select array(
        select substr(lowered, start, width)
        from lower(title) lowered, generate_series(1, length(lowered)) start, (values (1), (2)) widths(width))
$$;

create index songs_title_grams_idx on songs using gin (title_grams(title));
