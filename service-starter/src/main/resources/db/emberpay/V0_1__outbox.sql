-- Transactional outbox: events are inserted in the same transaction as the state change they
-- describe, then relayed to Kafka in id order and deleted once the broker acknowledged them.
create table outbox_event (
    id          bigserial primary key,
    event_id    varchar(64)  not null unique,
    topic       varchar(128) not null,
    record_key  varchar(128) not null,
    event_type  varchar(128) not null,
    payload     text         not null,
    created_at  timestamptz  not null default now()
);
