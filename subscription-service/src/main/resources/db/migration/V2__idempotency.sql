-- Subscription changes move money: each needs an Idempotency-Key, scoped to the caller. The first answer
-- (status and body) is kept and replayed for the same key and body; response_status null = in flight.
create table idempotency_key (
    caller           text         not null,
    idempotency_key  text         not null,
    request_hash     text         not null,
    response_status  int,
    content_type     text,
    response_body    bytea,
    created_at       timestamptz  not null default now(),
    primary key (caller, idempotency_key)
);
create index idempotency_key_created on idempotency_key (created_at);
