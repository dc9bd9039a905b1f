-- The ledger: accounts, insert-only transactions and entries, two-phase holds, balance snapshots.
-- Rules are enforced here as well as in code, so that no code path (or operator with psql) can
-- write an unbalanced transaction or change one that exists.

create table ledger_account (
    id            varchar(64)  primary key,
    code          varchar(160) not null,
    currency      char(3)      not null check (currency ~ '^[A-Z]{3}$'),
    owner         varchar(64),
    normal_side   varchar(6)   not null check (normal_side in ('debit', 'credit')),
    no_overdraft  boolean      not null,
    created_at    timestamptz  not null default now(),
    unique (code, currency),
    unique (id, currency)
);
create index ledger_account_owner on ledger_account (owner) where owner is not null;

-- The end of the hash chain. Every writer locks this one row for the length of its database
-- transaction and assigns chain positions under it: one lock per batch of postings, never one per
-- posting, so it costs little while making the chain (and overdraft checks) strictly serial.
create table ledger_chain_head (
    id         int          primary key check (id = 1),
    seq        bigint       not null,
    hash       bytea        not null,
    posted_at  timestamptz  not null
);
insert into ledger_chain_head (id, seq, hash, posted_at)
values (1, 0, decode(repeat('00', 32), 'hex'), timestamptz '1970-01-01 00:00:00+00');

create table ledger_transaction (
    seq             bigint        primary key check (seq > 0),
    id              varchar(64)   not null unique,
    kind            varchar(32)   not null,
    -- the event id or request idempotency key that caused it: a repeat posts nothing
    cause           varchar(400)  not null unique,
    correlation_id  varchar(128),
    reference       varchar(64),
    -- a hold (the id of its pending transaction) this transaction posts or voids: at most once
    resolves_hold   varchar(64),
    actor           varchar(64),
    description     varchar(500),
    request_hash    bytea,
    posted_at       timestamptz   not null,
    prev_hash       bytea         not null,
    hash            bytea         not null
);
-- partial indexes: most transactions have neither, and every index costs each posting an insert
create unique index ledger_transaction_resolves_hold on ledger_transaction (resolves_hold)
    where resolves_hold is not null;
create index ledger_transaction_reference on ledger_transaction (reference, kind) where reference is not null;
create index ledger_transaction_posted_at on ledger_transaction (posted_at, seq);

create table ledger_entry (
    id               bigint       generated always as identity primary key,
    transaction_seq  bigint       not null references ledger_transaction (seq),
    account_id       varchar(64)  not null,
    currency         char(3)      not null,
    direction        varchar(6)   not null check (direction in ('debit', 'credit')),
    phase            varchar(7)   not null check (phase in ('pending', 'posted')),
    amount           bigint       not null check (amount > 0),
    foreign key (account_id, currency) references ledger_account (id, currency)
);
create index ledger_entry_account on ledger_entry (account_id, transaction_seq, id);
create index ledger_entry_transaction on ledger_entry (transaction_seq);

-- A pending hold opened by a transaction; a later transaction resolves it (resolves_hold).
create table ledger_hold (
    id               varchar(64)  primary key,
    transaction_seq  bigint       not null unique references ledger_transaction (seq),
    reference        varchar(64)  not null,
    debit_account    varchar(64)  not null references ledger_account (id),
    credit_account   varchar(64)  not null references ledger_account (id),
    amount           bigint       not null check (amount > 0),
    currency         char(3)      not null,
    expires_at       timestamptz  not null
);
create index ledger_hold_reference on ledger_hold (reference);
-- deferred: a batch may open and resolve a hold, and rows are written table by table
alter table ledger_transaction add constraint ledger_transaction_resolves_hold_fk
    foreign key (resolves_hold) references ledger_hold (id) deferrable initially deferred;
create index ledger_hold_expires_at on ledger_hold (expires_at);

-- Sums of an account's entries up to a chain position; a balance is the latest snapshot plus the
-- entries after it, so no row is updated per posting.
create table ledger_balance_snapshot (
    account_id       varchar(64)  not null references ledger_account (id),
    as_of_seq        bigint       not null,
    posted_debits    bigint       not null,
    posted_credits   bigint       not null,
    pending_debits   bigint       not null,
    pending_credits  bigint       not null,
    primary key (account_id, as_of_seq)
);

-- Captures and refunds the PSP owes us, as learnt from payment events, for reconciliation.
create table psp_movement (
    type             varchar(8)   not null check (type in ('capture', 'refund')),
    reference        varchar(64)  not null,
    psp              varchar(32)  not null,
    amount           bigint       not null check (amount > 0),
    currency         char(3)      not null,
    platform_fee     bigint       not null check (platform_fee >= 0),
    transaction_seq  bigint       not null references ledger_transaction (seq),
    primary key (type, reference)
);

create table reconciliation_exception (
    id               varchar(64)  primary key,
    psp              varchar(32)  not null,
    settlement_date  date         not null,
    psp_reference    varchar(128) not null,
    type             varchar(16)  not null,
    reference        varchar(64)  not null,
    problem          varchar(32)  not null,
    expected_amount  bigint,
    reported_amount  bigint       not null,
    currency         char(3)      not null,
    created_at       timestamptz  not null default now(),
    unique (psp, type, psp_reference)
);

create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger table % is insert-only: % refused', tg_table_name, tg_op
        using errcode = '42501';
end
$$;

create trigger ledger_transaction_insert_only before update or delete on ledger_transaction
    for each row execute function ledger_refuse_change();
create trigger ledger_transaction_no_truncate before truncate on ledger_transaction
    for each statement execute function ledger_refuse_change();
create trigger ledger_entry_insert_only before update or delete on ledger_entry
    for each row execute function ledger_refuse_change();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_refuse_change();
create trigger ledger_hold_insert_only before update or delete on ledger_hold
    for each row execute function ledger_refuse_change();
create trigger ledger_hold_no_truncate before truncate on ledger_hold
    for each statement execute function ledger_refuse_change();

-- Checked at commit, when all of a transaction's entries exist: at least two entries, and for each
-- currency and phase the debits equal the credits.
create function ledger_check_balanced() returns trigger language plpgsql as $$
declare
    txn_seq bigint;
    entry_count bigint;
    unbalanced boolean;
begin
    if tg_table_name = 'ledger_entry' then
        txn_seq := new.transaction_seq;
    else
        txn_seq := new.seq;
    end if;
    select coalesce(sum(g.entries), 0), coalesce(bool_or(g.net <> 0), false)
      into entry_count, unbalanced
      from (select count(*) as entries,
                   sum(case e.direction when 'debit' then e.amount else -e.amount end) as net
              from ledger_entry e
             where e.transaction_seq = txn_seq
             group by e.currency, e.phase) g;
    if entry_count < 2 then
        raise exception 'ledger transaction % has % entries; at least 2 are required', txn_seq, entry_count
            using errcode = '23514';
    end if;
    if unbalanced then
        raise exception 'ledger transaction % does not balance per currency and phase', txn_seq
            using errcode = '23514';
    end if;
    return null;
end
$$;

create constraint trigger ledger_transaction_balanced after insert on ledger_transaction
    deferrable initially deferred for each row execute function ledger_check_balanced();
create constraint trigger ledger_entry_balanced after insert on ledger_entry
    deferrable initially deferred for each row execute function ledger_check_balanced();
