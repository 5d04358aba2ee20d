-- The titles that are exactly a query's words rank first: found by equality, not among every title
-- that holds the words.
create index songs_title_words_whole_idx on songs (title_words);
