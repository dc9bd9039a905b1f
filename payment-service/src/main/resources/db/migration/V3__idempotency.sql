-- IETF Idempotency-Key records, scoped by caller. A row is claimed (in_progress, with a lock that
-- expires so a crashed request can be taken over), then completed with the exact response bytes.
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
