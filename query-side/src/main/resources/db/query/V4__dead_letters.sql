-- Events a projector could not apply, parked per sequence (a song) with their cause; Axon's
-- JDBC dead-letter queue reads and writes it. Axon's generic layout, with PostgreSQL types.
create table dead_letter_entry (
    deadLetterIdentifier varchar(255)  not null primary key,
    processingGroup      varchar(255)  not null,
    sequenceIdentifier   varchar(255)  not null,
    sequenceIndex        bigint        not null,
    messageType          varchar(255)  not null,
    eventIdentifier      varchar(255)  not null,
    timestamp            varchar(255)  not null,
    payloadType          varchar(255)  not null,
    payloadRevision      varchar(255),
    payload              bytea         not null,
    metaData             bytea,
    type                 varchar(255),
    aggregateIdentifier  varchar(255),
    sequenceNumber       bigint,
    tokenType            varchar(255),
    token                bytea,
    enqueuedAt           varchar(255)  not null,
    lastTouched          varchar(255),
    processingStarted    varchar(255),
    causeType            varchar(255),
    causeMessage         varchar(1023),
    diagnostics          bytea,
    constraint dead_letter_entry_sequence_key unique (processingGroup, sequenceIdentifier, sequenceIndex)
);

create index dead_letter_entry_group_idx on dead_letter_entry (processingGroup, sequenceIdentifier);
