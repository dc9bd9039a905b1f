-- The statement check over the entries a statement inserted (trigger ledger_entry_balanced, V2).
-- Flyway applies this file after the versioned migrations and again whenever it changes, so the
-- function's current text lives here once instead of being restated by every version that
-- changes it (V2 created it, V5 made its checks range counts, V6 added legs, V7 account numbers).
--
-- V5's checks, plus (V6): a transaction's legs are numbered 1..n (with the key and leg > 0, its
-- highest leg equals its number of entries), and (V7): an entry's account number is its account's.
create or replace function ledger_check_entries() returns trigger language plpgsql as $$
declare
    lo bigint;
    hi bigint;
    txns bigint;
    entries bigint;
    counted bigint;
    checked boolean := false;
    txn_seq bigint;
    too_few boolean;
    unnumbered boolean;
begin
    -- static SQL, planned once per session: it probes a small table by its key, and a change
    -- in that table's statistics (ANALYZE) plans it again
    select (select min(x.transaction_seq) from added x
             where x.account_id = a.account_id and x.account_number = a.account_number and x.currency = a.currency)
      into txn_seq
      from (select distinct account_id, account_number, currency from added) a
     where not exists (select 1 from ledger_account c
                        where c.id = a.account_id and c.number = a.account_number and c.currency = a.currency)
     limit 1;
    if txn_seq is not null then
        raise exception 'ledger transaction % has an entry on no account of its number and currency', txn_seq
            using errcode = '23503';
    end if;
    select min(transaction_seq), max(transaction_seq), count(distinct transaction_seq), count(*)
      into lo, hi, txns, entries from added;
    if hi - lo + 1 = txns then
        execute 'select count(*) from ledger_transaction where seq between $1 and $2' into counted using lo, hi;
        if counted = txns then
            execute 'select count(*) from ledger_entry where transaction_seq between $1 and $2'
                into counted using lo, hi;
            checked := counted = entries;
        end if;
    end if;
    if not checked then
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
             where g.entries <> (select count(*) from ledger_entry e where e.transaction_seq = g.transaction_seq)
             limit 1 $q$ into txn_seq;
        if txn_seq is not null then
            raise exception 'ledger transaction % needs at least 2 entries, all written with it in one statement', txn_seq
                using errcode = '23514';
        end if;
    end if;
    select g.transaction_seq, sum(g.entries) < 2, max(g.last_leg) <> sum(g.entries)
      into txn_seq, too_few, unnumbered
      from (select a.transaction_seq, count(*) as entries, max(a.leg) as last_leg,
                   sum(case a.direction when 'debit' then a.amount else -a.amount end) as net
              from added a
             group by a.transaction_seq, a.currency, a.phase) g
     group by g.transaction_seq
    having sum(g.entries) < 2 or max(g.last_leg) <> sum(g.entries) or bool_or(g.net <> 0)
     limit 1;
    if too_few then
        raise exception 'ledger transaction % needs at least 2 entries, all written with it in one statement', txn_seq
            using errcode = '23514';
    end if;
    if unnumbered then
        raise exception 'ledger transaction % must number its entries 1 to n', txn_seq
            using errcode = '23514';
    end if;
    if txn_seq is not null then
        raise exception 'ledger transaction % does not balance per currency and phase', txn_seq
            using errcode = '23514';
    end if;
    return null;
end
$$;
