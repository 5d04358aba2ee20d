-- Counts of searches, kept where every node and the next start find them. A count of filters on the
-- catalog's own columns (a title term, audio features) stays exact for as long as the catalog's
-- version (catalog_state) does; a row holds the epoch and version it was counted at, and a reader
-- takes it only while they are the catalog's. A change of the catalog thus forgets every row at once
-- without touching them; the counts' keeper deletes the rows of other versions later.
create table search_counts (
    key        text        collate "C" primary key,
    epoch      uuid        not null,
    version    bigint      not null,
    songs      bigint      not null,
    counted_at timestamptz not null default now()
);

-- How many titles hold each one- and two-character piece (as lower() folds them, which is how ILIKE
-- compares in this database's encoding): the count of a title term of one or two characters, which
-- no trigram can find and only a scan of every title could count. Counted ahead, for a version of
-- the catalog, all pieces at once; the row with the empty piece says that the count of that version
-- is complete, so that a piece without a row of its own is in no title.
create table title_gram_counts (
    gram    text   collate "C" primary key,
    epoch   uuid   not null,
    version bigint not null,
    songs   bigint not null
);
