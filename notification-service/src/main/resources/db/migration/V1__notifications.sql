-- Merchant webhook endpoints. The signing secret is kept AES-GCM encrypted (we need it back to
-- sign); during a rotation the previous secret stays usable until previous_secret_expires_at.
create table webhook_endpoint (
    id                          varchar(64)   primary key,
    merchant                    varchar(64)   not null,
    url                         varchar(2048) not null,
    description                 varchar(500),
    events                      text[]        not null,
    status                      varchar(16)   not null check (status in ('enabled', 'disabled', 'failing', 'deleted')),
    livemode                    boolean       not null,
    secret_ciphertext           bytea         not null,
    previous_secret_ciphertext  bytea,
    previous_secret_expires_at  timestamptz,
    failing_since               timestamptz,
    created_at                  timestamptz   not null,
    updated_at                  timestamptz   not null
);
create index webhook_endpoint_merchant on webhook_endpoint (merchant, id desc) where status <> 'deleted';

-- Every public event of a merchant, with the exact body we sign and send (so a retry or a
-- redelivery sends the same bytes).
create table webhook_event (
    id           varchar(64)  primary key,
    merchant     varchar(64)  not null,
    type         varchar(128) not null,
    livemode     boolean,
    created_at   timestamptz  not null,
    received_at  timestamptz  not null,
    body         text         not null
);
create index webhook_event_merchant on webhook_event (merchant, id desc);

-- One delivery per (event, endpoint), written in the same transaction as the event, before any
-- sending. lease_until marks a claimed, in-flight delivery (database time: it guards against a
-- crashed replica, not a business deadline); next_attempt_at follows the platform clock.
create table webhook_delivery (
    id               bigserial    primary key,
    event_id         varchar(64)  not null references webhook_event (id),
    endpoint_id      varchar(64)  not null references webhook_endpoint (id),
    state            varchar(16)  not null check (state in ('pending', 'succeeded', 'failed', 'canceled')),
    schedule_step    int          not null default 0,
    attempt_count    int          not null default 0,
    next_attempt_at  timestamptz  not null,
    lease_until      timestamptz,
    last_status_code int,
    last_error       varchar(500),
    delivered_at     timestamptz,
    created_at       timestamptz  not null,
    unique (event_id, endpoint_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'pending';
create index webhook_delivery_endpoint_pending on webhook_delivery (endpoint_id, next_attempt_at) where state = 'pending';

-- Every HTTP attempt, for GET /v1/webhook_endpoints/{id}/attempts.
create table webhook_attempt (
    id            varchar(64)  primary key,
    delivery_id   bigint       not null references webhook_delivery (id),
    endpoint_id   varchar(64)  not null,
    event_id      varchar(64)  not null,
    attempted_at  timestamptz  not null,
    status_code   int,
    latency_ms    bigint       not null,
    error         varchar(500),
    succeeded     boolean      not null
);
create index webhook_attempt_endpoint on webhook_attempt (endpoint_id, id desc);

-- Contact addresses learnt from auth.events (auth-service owns them; this is a read copy).
create table user_contact (
    user_id     varchar(64)  primary key,
    email       varchar(320) not null,
    updated_at  timestamptz  not null
);
create table merchant_contact (
    merchant_id varchar(64)  primary key,
    email       varchar(320) not null,
    updated_at  timestamptz  not null
);

create table notification_preference (
    user_id         varchar(64) primary key,
    receipts_email  boolean     not null,
    receipts_push   boolean     not null,
    alerts_email    boolean     not null,
    alerts_push     boolean     not null,
    updated_at      timestamptz not null
);

-- Receipts and alerts to users and merchants: stored in the consumer's transaction, sent by a
-- worker afterwards, retried, never lost.
create table user_notice (
    id               varchar(64)  primary key,
    recipient        varchar(64)  not null,
    channel          varchar(16)  not null check (channel in ('email', 'push')),
    kind             varchar(32)  not null,
    source_event     varchar(128) not null,
    subject          varchar(300) not null,
    body             text         not null,
    state            varchar(16)  not null check (state in ('pending', 'sent', 'failed')),
    attempt_count    int          not null default 0,
    next_attempt_at  timestamptz  not null,
    lease_until      timestamptz,
    last_error       varchar(500),
    created_at       timestamptz  not null,
    sent_at          timestamptz,
    unique (source_event, recipient, channel, kind)
);
create index user_notice_due on user_notice (next_attempt_at) where state = 'pending';
