create table payment (
    id                   varchar(64)  primary key,
    user_id              varchar(64)  not null,
    merchant_id          varchar(64)  not null,
    payment_method_id    varchar(64)  not null,
    amount               bigint       not null check (amount > 0),
    currency             char(3)      not null,
    status               varchar(24)  not null,
    capture_method       varchar(16)  not null,
    amount_capturable    bigint       not null default 0 check (amount_capturable >= 0),
    amount_received      bigint       not null default 0 check (amount_received >= 0),
    amount_refunded      bigint       not null default 0 check (amount_refunded >= 0),
    card_brand           varchar(16)  not null,
    card_last4           char(4)      not null,
    card_bin             char(6)      not null,
    card_fingerprint     varchar(64)  not null,
    card_exp_month       smallint     not null,
    card_exp_year        smallint     not null,
    psp                  varchar(16),
    psp_reference        varchar(64),
    failure_code         varchar(64),
    description          varchar(1000),
    metadata             text         not null default '{}',
    fraud_score          smallint,
    fraud_decision       varchar(16),
    fraud_reasons        text         not null default '[]',
    review_flagged       boolean      not null default false,
    device_id            varchar(128),
    ip                   varchar(64),
    livemode             boolean      not null default false,
    request_id           varchar(128),
    settle_attempts      int          not null default 0,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    check (amount_received <= amount),
    check (amount_refunded <= amount_received)
);

create index payment_user_idx on payment (user_id, id);
create index payment_merchant_idx on payment (merchant_id, id);
-- The janitor's work queue: payments whose acquirer outcome is not known yet.
create index payment_processing_idx on payment (updated_at) where status = 'processing';

create table refund (
    id             varchar(64)  primary key,
    payment_id     varchar(64)  not null references payment (id),
    merchant_id    varchar(64)  not null,
    amount         bigint       not null check (amount > 0),
    currency       char(3)      not null,
    status         varchar(16)  not null,
    psp            varchar(16)  not null,
    psp_reference  varchar(64),
    reason         varchar(64),
    request_id     varchar(128),
    created_at     timestamptz  not null default now()
);

create index refund_payment_idx on refund (payment_id);
