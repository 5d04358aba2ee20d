-- Every column a search can be ordered by has an index to walk: a page of a common term or a
-- broad filter comes from the first rows in order instead of a sort of every match. The id
-- breaks ties; the other direction walks the index backwards and sorts each run of equal values
-- by id (an incremental sort). Best rated first is the common order: its index runs that way.
create index songs_average_rating_idx on songs (average_rating desc, id);
create index songs_danceability_idx on songs (danceability, id);
create index songs_energy_idx on songs (energy, id);
create index songs_key_idx on songs (key, id);
create index songs_loudness_idx on songs (loudness, id);
create index songs_mode_idx on songs (mode, id);
create index songs_acousticness_idx on songs (acousticness, id);
create index songs_instrumentalness_idx on songs (instrumentalness, id);
create index songs_liveness_idx on songs (liveness, id);
create index songs_valence_idx on songs (valence, id);
create index songs_tempo_idx on songs (tempo, id);
create index songs_duration_ms_idx on songs (duration_ms, id);
create index songs_time_signature_idx on songs (time_signature, id);
create index songs_num_bars_idx on songs (num_bars, id);
create index songs_num_sections_idx on songs (num_sections, id);
create index songs_num_segments_idx on songs (num_segments, id);
