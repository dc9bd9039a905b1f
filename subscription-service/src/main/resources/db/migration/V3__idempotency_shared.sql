-- The starter's IdempotencyFilter now serves this service too (one implementation with payment-service):
-- its table keeps a claim's request, lock and expiry. Existing keys are kept: a finished one is
-- 'completed', one without an answer is an in-progress claim whose lock has run out, so a retry takes it
-- over; each expires 24 hours after it was made.
alter table idempotency_key rename column caller to caller_id;
alter table idempotency_key rename column content_type to response_type;
alter table idempotency_key
    add column request_method varchar(8)   not null default 'POST',
    add column request_path   varchar(512) not null default '',
    add column status         varchar(16),
    add column lock_token     varchar(64),
    add column locked_until   timestamptz,
    add column resource_id    varchar(64),
    add column completed_at   timestamptz,
    add column expires_at     timestamptz;
update idempotency_key set status = case when response_status is null then 'in_progress' else 'completed' end,
    locked_until = case when response_status is null then now() end,
    completed_at = case when response_status is null then null else created_at end,
    expires_at = created_at + interval '24 hours';
alter table idempotency_key
    alter column status set not null,
    alter column expires_at set not null,
    alter column request_method drop default,
    alter column request_path drop default;
drop index idempotency_key_created;
create index idempotency_key_expiry_idx on idempotency_key (expires_at);
