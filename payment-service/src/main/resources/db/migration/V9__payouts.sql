-- Merchants' bank accounts live in the vault schema beside the cards: the account number or IBAN
-- only as AES-256-GCM ciphertext under a per-record data key wrapped by the vault's key-encryption
-- key; last4, bank and country are what may be shown.
create table vault.external_account (
    id                 varchar(64)  primary key,
    merchant_id        varchar(64)  not null,
    kind               varchar(8)   not null check (kind in ('iban', 'us_ach')),
    country            char(2)      not null,
    currency           char(3)      not null,
    bank_name          varchar(128),
    last4              char(4)      not null,
    routing_number     char(9),
    fingerprint        varchar(64)  not null,
    number_ciphertext  bytea        not null,
    wrapped_data_key   bytea        not null,
    kek_version        int          not null,
    deleted_at         timestamptz,
    created_at         timestamptz  not null default now()
);

create index external_account_merchant_idx on vault.external_account (merchant_id, currency, id)
    where deleted_at is null;

-- Payouts: pending (funds held in the ledger) -> in_transit (the acquirer took it) -> paid | failed.
create table payout (
    id             varchar(64)  primary key,
    merchant_id    varchar(64)  not null,
    amount         bigint       not null check (amount > 0),
    currency       char(3)      not null,
    status         varchar(16)  not null check (status in ('pending', 'in_transit', 'paid', 'failed')),
    destination    varchar(64)  not null,
    bank_last4     char(4)      not null,
    bank_name      varchar(128),
    bank_country   char(2)      not null,
    automatic      boolean      not null,
    psp            varchar(16)  not null,
    psp_reference  varchar(64),
    failure_code   varchar(64),
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null
);

create index payout_merchant_idx on payout (merchant_id, id);
create index payout_unsettled_idx on payout (updated_at) where status in ('pending', 'in_transit');

-- How often a merchant is paid out automatically; no row means manual.
create table payout_schedule (
    merchant_id     varchar(64)  primary key,
    interval        varchar(8)   not null check (interval in ('manual', 'daily', 'weekly')),
    weekly_anchor   varchar(9)   check (weekly_anchor in ('monday', 'tuesday', 'wednesday', 'thursday', 'friday',
                                                          'saturday', 'sunday')),
    minimum_amount  bigint       not null default 0 check (minimum_amount >= 0),
    last_run_on     date,
    updated_at      timestamptz  not null default now()
);
