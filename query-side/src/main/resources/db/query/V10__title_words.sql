-- Ranked search (GET /api/search/) matches the words of a query to the words of titles, folded for
-- case and accents: each song's words, in order, are in title_words (written by the projector,
-- which folds them; V11 fills the rows that were there before), and every word any title has had is
-- in title_vocabulary. A query word finds its title words there: the same word, a word it begins
-- (the last query word), or a word within its typo budget. The budget is at most two, and two words
-- that far apart share a variant of each with as many letters taken out (a substitution or a
-- transposition is one letter out of each): title_vocabulary_variants holds the vocabulary's
-- variants, up to one letter out for words of 3 letters or more (a query word of 4 to 7 letters
-- has one typo) and two for 6 or more (one of 8 or more has two), to look a query word's own up.
alter table songs add column title_words text[];

create table title_vocabulary (
    word text collate "C" primary key  -- byte order: a btree range serves a prefix
);

-- The nearest words by trigrams, for a suggestion when a query finds nothing.
create index title_vocabulary_trgm_idx on title_vocabulary using gist (word gist_trgm_ops);

create table title_vocabulary_variants (
    variant text collate "C" not null,
    word    text collate "C" not null,
    primary key (variant, word)
);

create function title_word_variants(word text) returns setof text
    language sql immutable strict parallel safe
as $$
    select word
    union
    select substr(word, 1, i - 1) || substr(word, i + 1)
    from generate_series(1, length(word)) i
    where length(word) >= 3
    union
    select substr(one, 1, j - 1) || substr(one, j + 1)
    from (select substr(word, 1, i - 1) || substr(word, i + 1) as one from generate_series(1, length(word)) i) ones,
         generate_series(1, length(word) - 1) j
    where length(word) >= 6
$$;

-- Adds the words of these titles that the vocabulary lacks, with their variants; in word order, so
-- that two projector threads adding the same new words never wait on each other in a circle.
create function title_vocabulary_add(words text[]) returns void
    language sql
as $$
    with added as (
        insert into title_vocabulary (word)
        select distinct w from unnest(words) w order by 1
        on conflict do nothing
        returning word)
    insert into title_vocabulary_variants (variant, word)
    select v, a.word from added a, title_word_variants(a.word) v
    order by 1, 2
    on conflict do nothing
$$;
