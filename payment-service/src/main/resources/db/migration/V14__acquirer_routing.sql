-- Routing: which acquirer a payment was sent to and why (shown on the payment), and the operators'
-- runtime state of each acquirer (active, draining, forced_open), shared by every replica, with its audit.
alter table payment add column acquirer varchar(32), add column routing_reason varchar(32);

create table acquirer_routing_state (
    acquirer    varchar(32)  primary key,
    state       varchar(16)  not null check (state in ('active', 'draining', 'forced_open')),
    reason      varchar(500) not null,
    changed_by  varchar(64)  not null,
    changed_at  timestamptz  not null default now()
);

create table acquirer_routing_audit (
    id              bigserial    primary key,
    acquirer        varchar(32)  not null,
    previous_state  varchar(16)  not null,
    state           varchar(16)  not null,
    reason          varchar(500) not null,
    changed_by      varchar(64)  not null,
    changed_at      timestamptz  not null default now()
);
create index acquirer_routing_audit_by_acquirer on acquirer_routing_audit (acquirer, changed_at desc);

-- Adyen's AUTHORISATION notifications by our payment id, for the janitor.
create index psp_webhook_event_adyen_reference on psp_webhook_event (((payload::jsonb) ->> 'merchantReference'))
    where acquirer = 'adyen';
