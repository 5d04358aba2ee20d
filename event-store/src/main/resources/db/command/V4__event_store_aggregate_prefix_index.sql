-- Auditors read one song's ratings: aggregate ids 'rating-<song>-<user>' by prefix, whatever the
-- database's collation.
create index domain_event_entry_aggregate_prefix_idx on domain_event_entry (aggregate_identifier varchar_pattern_ops);
