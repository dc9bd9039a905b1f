-- Idempotent consumer: an event id is recorded in the same transaction as its effect, so a
-- redelivered event changes nothing.
create table inbox_event (
    consumer      varchar(128) not null,
    event_id      varchar(64)  not null,
    processed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);

-- Records a consumer could not process after its retries: kept, never dropped, for an operator to replay.
create table inbox_dead_letter (
    id             bigserial primary key,
    consumer       varchar(128) not null,
    topic          varchar(128) not null,
    partition_no   int          not null,
    record_offset  bigint       not null,
    event_id       varchar(64),
    payload        text         not null,
    error          text         not null,
    created_at     timestamptz  not null default now()
);
