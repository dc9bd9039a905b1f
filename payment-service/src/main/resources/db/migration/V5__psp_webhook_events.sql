-- Acquirers' webhook events, stored raw as received (after their signature was verified) and keyed by
-- the acquirer's own event id, so a redelivered event is recognised and applied once. The bodies carry
-- no card number, account number or wallet token: acquirers send only last4 and brand.
-- Versioned 100 above the last migration of the time so migrations added in parallel do not collide.
create table psp_webhook_event (
    acquirer     varchar(32)   not null,
    event_id     varchar(255)  not null,
    type         varchar(100)  not null,
    livemode     boolean       not null,
    payload      text          not null,
    outcome      varchar(64)   not null,
    received_at  timestamptz   not null default now(),
    primary key (acquirer, event_id)
);
