-- Failed sign-ins within the window, per username (kind 'user', lowercased) and per client address
-- (kind 'address'): the times of the attempts still counted, oldest first. Every node reads and
-- writes the same rows, so neither a second node nor a restart gives a fresh budget. One
-- statement per attempt updates a row under its row lock (LoginFailures).
create table login_failures (
    kind     varchar(8)    not null,
    key      text          not null,
    failures timestamptz[] not null,
    constraint login_failures_pkey primary key (kind, key),
    constraint login_failures_kind_check check (kind in ('user', 'address'))
);
