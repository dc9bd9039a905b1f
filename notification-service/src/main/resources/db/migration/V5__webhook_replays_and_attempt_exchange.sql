-- Issue #25, webhook portal. What each attempt sent and got back, bounded by the service: the request
-- headers as sent (the signing secret is never stored here, only the signature made with it), the body up
-- to 16 KiB, and at most the first 2 KiB of the answer. Attempts made before keep nulls.
alter table webhook_attempt
    add column request_headers        jsonb,
    add column request_body           text check (octet_length(request_body) <= 16384 * 4),
    add column request_body_truncated boolean not null default false,
    add column response_body          text check (octet_length(response_body) <= 2048 * 4);
-- A user's erasure clears the stored bodies of their payments' attempts, found by event.
create index webhook_attempt_event on webhook_attempt (event_id);

-- A merchant's replays of an endpoint's failed deliveries: the audit of who queued what, when. No payload.
create table webhook_replay (
    id             varchar(64)  primary key,
    merchant       varchar(64)  not null,
    endpoint_id    varchar(64)  not null references webhook_endpoint (id),
    created_gte    timestamptz  not null,
    created_lt     timestamptz  not null check (created_lt > created_gte),
    events_queued  int          not null check (events_queued >= 0),
    has_more       boolean      not null,
    created_at     timestamptz  not null
);
create index webhook_replay_endpoint on webhook_replay (endpoint_id, id desc);

-- A replay looks for an endpoint's given-up deliveries.
create index webhook_delivery_endpoint_failed on webhook_delivery (endpoint_id) where state = 'failed';

-- Idempotency-Keys (service-starter's filter) for POST /v1/webhook_endpoints/{id}/replays.
create table idempotency_key (
    caller_id        varchar(64)   not null,
    idempotency_key  varchar(255)  not null,
    request_method   varchar(8)    not null,
    request_path     varchar(512)  not null,
    request_hash     char(64)      not null,
    status           varchar(16)   not null,
    lock_token       varchar(64),
    locked_until     timestamptz,
    resource_id      varchar(64),
    response_status  int,
    response_type    varchar(128),
    response_body    bytea,
    created_at       timestamptz   not null default now(),
    completed_at     timestamptz,
    expires_at       timestamptz   not null,
    primary key (caller_id, idempotency_key)
);
create index idempotency_key_expiry_idx on idempotency_key (expires_at);
