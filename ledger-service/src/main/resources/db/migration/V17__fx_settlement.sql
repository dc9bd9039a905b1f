-- Multi-currency settlement (issue 24). A merchant settles in one currency: the one it chose, else
-- the currency of its first captured payment. A payment in another currency is converted when it is
-- captured, and the conversion is kept here with the ledger transaction that booked it, so that the
-- balance transaction can show its exchange rate and a later refund or dispute of the same payment
-- converts at the same rate. Rates and amounts are exact decimals, never floating point.
-- Test and live are kept apart (V14): a merchant has a settlement currency per mode, and a
-- conversion belongs to the mode of its payment.
create table merchant_settlement (
    merchant    varchar(64)  not null,
    livemode    boolean      not null,
    currency    char(3)      not null check (currency ~ '^[A-Z]{3}$'),
    chosen_by   varchar(13)  not null check (chosen_by in ('first_payment', 'merchant')),
    updated_at  timestamptz  not null default now(),
    primary key (merchant, livemode)
);

create table fx_conversion (
    transaction_id        varchar(64)    primary key references ledger_transaction (id),
    transaction_seq       bigint         not null,
    kind                  varchar(32)    not null,
    merchant              varchar(64)    not null,
    livemode              boolean        not null,
    payment               varchar(64)    not null,
    source                varchar(64),
    presentment_amount    bigint         not null check (presentment_amount >= 0),
    presentment_currency  char(3)        not null,
    settlement_amount     bigint         not null check (settlement_amount >= 0),
    settlement_currency   char(3)        not null check (settlement_currency <> presentment_currency),
    mid_rate              numeric(28, 12) not null check (mid_rate > 0),
    exchange_rate         numeric(28, 12) not null check (exchange_rate > 0),
    margin                bigint         not null,
    residue               bigint         not null,
    rate_date             date           not null,
    created               timestamptz    not null default now()
);
-- a refund or dispute finds the rate its payment was converted at
create index fx_conversion_payment on fx_conversion (payment, kind);
