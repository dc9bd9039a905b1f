-- A user's consent that a merchant may charge one saved payment method while the user is not there
-- (setup intent, seti_). A consent is live until the user cancels it or detaches the method.
create table setup_intent (
    id              varchar(64)  primary key,
    user_id         varchar(64)  not null,
    merchant        varchar(64)  not null,
    payment_method  varchar(64)  not null,
    usage           varchar(16)  not null check (usage = 'off_session'),
    status          varchar(16)  not null check (status in ('succeeded', 'canceled')),
    livemode        boolean      not null,
    created_at      timestamptz  not null,
    canceled_at     timestamptz
);
create index setup_intent_user_idx on setup_intent (user_id, id);
create index setup_intent_consent_idx on setup_intent (user_id, merchant, payment_method) where status = 'succeeded';

-- Off-session charges requested by other services (subscription renewals) are idempotent by the caller's
-- key per merchant: the row commits with the payment, so a repeated key finds the payment instead of
-- charging again.
create table off_session_charge (
    merchant         varchar(64)  not null,
    idempotency_key  varchar(255) not null,
    request_hash     varchar(64)  not null,
    payment_id       varchar(64)  not null,
    created_at       timestamptz  not null default now(),
    primary key (merchant, idempotency_key)
);
