-- Balance transactions: each movement of a merchant's balance (one per ledger transaction, merchant
-- and currency that moved its merchant_payable account), written by the transaction that moved it.
-- A movement is pending until available_on; the release job then moves its net from
-- merchant_payable to merchant_available with a ledger transfer and marks it available. Only
-- status and available_transaction ever change; the money itself is always in the ledger.
create table balance_transaction (
    seq                    bigint       generated always as identity primary key,
    id                     varchar(64)  not null unique,
    merchant               varchar(64)  not null,
    currency               char(3)      not null,
    type                   varchar(32)  not null,
    source                 varchar(64),
    amount                 bigint       not null,
    fee                    bigint       not null,
    net                    bigint       not null,
    transaction_id         varchar(64)  not null,
    transaction_seq        bigint       not null,
    created                timestamptz  not null,
    available_on           timestamptz  not null,
    status                 varchar(9)   not null default 'pending' check (status in ('pending', 'available')),
    available_transaction  varchar(64),
    unique (transaction_seq, merchant, currency),
    check (amount - fee = net)
);
-- newest first per merchant (the list), and the pending ones that fall due (the release job)
create index balance_transaction_merchant on balance_transaction (merchant, seq);
create index balance_transaction_due on balance_transaction (available_on) where status = 'pending';
