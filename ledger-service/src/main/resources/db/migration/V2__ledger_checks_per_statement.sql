-- The same rules as V1, checked once per statement over the rows it inserted instead of once per
-- row: the per-row deferred balance check and the two row-by-row foreign key checks of every entry
-- cost more than writing the rows themselves, and a writer appends hundreds of transactions per
-- statement.
--
-- The rules now read:
--   * a transaction and all of its entries are inserted by one statement (a data-modifying WITH);
--   * that statement must give every transaction it inserts at least two entries which, per
--     currency and phase, balance; every entry names an existing transaction and an existing
--     account in that account's currency;
--   * no later statement can add an entry to a transaction: its entries would no longer all be
--     in the statement that adds them.
-- Transactions and entries stay insert-only (V1); accounts, now referenced without a foreign key,
-- can be added but never removed or re-keyed.

drop trigger ledger_transaction_balanced on ledger_transaction;
drop trigger ledger_entry_balanced on ledger_entry;
drop function ledger_check_balanced();

alter table ledger_entry drop constraint ledger_entry_transaction_seq_fkey;
alter table ledger_entry drop constraint ledger_entry_account_id_currency_fkey;

create function ledger_refuse_account_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger accounts are never removed or re-keyed: % refused', tg_op
        using errcode = '42501';
end
$$;

create trigger ledger_account_keys_fixed before update of id, currency or delete on ledger_account
    for each row execute function ledger_refuse_account_change();
create trigger ledger_account_no_truncate before truncate on ledger_account
    for each statement execute function ledger_refuse_account_change();

-- The checks run as dynamic SQL (EXECUTE), so each is planned afresh with the tables' current
-- sizes: a plan cached for the session while the ledger was small (a sequential scan where an
-- index probe is right) would grow slower with every posting.
create function ledger_check_entries() returns trigger language plpgsql as $$
declare
    txn_seq bigint;
begin
    execute $q$
        select a.transaction_seq
          from added a
         where not exists (select 1 from ledger_account c where c.id = a.account_id and c.currency = a.currency)
         limit 1 $q$ into txn_seq;
    if txn_seq is not null then
        raise exception 'ledger transaction % has an entry on no account of its currency', txn_seq
            using errcode = '23503';
    end if;
    execute $q$
        select g.transaction_seq
          from (select distinct transaction_seq from added) g
         where not exists (select 1 from ledger_transaction t where t.seq = g.transaction_seq)
         limit 1 $q$ into txn_seq;
    if txn_seq is not null then
        raise exception 'ledger transaction % does not exist', txn_seq
            using errcode = '23503';
    end if;
    execute $q$
        select g.transaction_seq
          from (select transaction_seq, count(*) as entries from added group by transaction_seq) g
         where g.entries < 2
            or g.entries <> (select count(*) from ledger_entry e where e.transaction_seq = g.transaction_seq)
         limit 1 $q$ into txn_seq;
    if txn_seq is not null then
        raise exception 'ledger transaction % needs at least 2 entries, all written with it in one statement', txn_seq
            using errcode = '23514';
    end if;
    execute $q$
        select a.transaction_seq
          from added a
         group by a.transaction_seq, a.currency, a.phase
        having sum(case a.direction when 'debit' then a.amount else -a.amount end) <> 0
         limit 1 $q$ into txn_seq;
    if txn_seq is not null then
        raise exception 'ledger transaction % does not balance per currency and phase', txn_seq
            using errcode = '23514';
    end if;
    return null;
end
$$;

create trigger ledger_entry_balanced after insert on ledger_entry referencing new table as added
    for each statement execute function ledger_check_entries();

create function ledger_check_transactions_have_entries() returns trigger language plpgsql as $$
declare
    txn_seq bigint;
begin
    execute $q$
        select t.seq
          from added t
         where not exists (select 1 from ledger_entry e where e.transaction_seq = t.seq)
         limit 1 $q$ into txn_seq;
    if txn_seq is not null then
        raise exception 'ledger transaction % has no entries; insert it and its entries in one statement', txn_seq
            using errcode = '23514';
    end if;
    return null;
end
$$;

create trigger ledger_transaction_has_entries after insert on ledger_transaction referencing new table as added
    for each statement execute function ledger_check_transactions_have_entries();
