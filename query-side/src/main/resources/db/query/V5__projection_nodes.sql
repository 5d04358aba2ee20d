-- The nodes that run projectors, each seen every few seconds: how many share the segments.
create table projection_nodes (
    node    varchar(255) primary key,
    seen_at timestamptz  not null
);
