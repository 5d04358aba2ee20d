-- Each rebuild of a projection, as it goes: what an operator sees on every node while it runs,
-- and afterwards how it ended.
create table projection_rebuilds (
    id          bigint generated always as identity primary key,
    projection  varchar(64)  not null,
    node        varchar(255) not null,
    state       varchar(32)  not null,
    started_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    finished_at timestamptz,
    target      bigint       not null, -- the event store's head when the rebuild started
    position    bigint       not null, -- the global index read up to
    events      bigint       not null, -- song events applied to the new copy
    error       text
);

create index projection_rebuilds_latest_idx on projection_rebuilds (projection, id desc);
