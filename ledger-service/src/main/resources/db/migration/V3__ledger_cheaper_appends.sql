-- Cheaper appends on the one serial writer, with the same rules.
--
-- 1. Identifiers compare byte by byte (COLLATE "C"). Under the database's default collation (often
--    C.UTF-8 or en_US.UTF-8) every B-tree comparison of an id, cause or account went through libc's
--    strcoll; ids and codes are ASCII, so their order is unchanged.
-- 2. No index on posted_at. Posting times never decrease along the chain and positions are
--    contiguous, so the last position at or before a time is found by a binary search over the
--    primary key (ledger_seq_at), and no posting pays for a B-tree insertion on (posted_at, seq).

-- the trigger names the columns it guards: set aside while their collation changes
drop trigger ledger_account_keys_fixed on ledger_account;
alter table ledger_account
    alter column id type varchar(64) collate "C",
    alter column code type varchar(160) collate "C",
    alter column currency type char(3) collate "C",
    alter column owner type varchar(64) collate "C";
create trigger ledger_account_keys_fixed before update of id, currency or delete on ledger_account
    for each row execute function ledger_refuse_account_change();
alter table ledger_transaction
    alter column id type varchar(64) collate "C",
    alter column cause type varchar(400) collate "C",
    alter column reference type varchar(64) collate "C",
    alter column resolves_hold type varchar(64) collate "C";
alter table ledger_entry
    alter column account_id type varchar(64) collate "C",
    alter column currency type char(3) collate "C";
alter table ledger_hold
    alter column id type varchar(64) collate "C",
    alter column reference type varchar(64) collate "C",
    alter column debit_account type varchar(64) collate "C",
    alter column credit_account type varchar(64) collate "C";
alter table ledger_balance_snapshot
    alter column account_id type varchar(64) collate "C";
alter table psp_movement
    alter column reference type varchar(64) collate "C";

drop index ledger_transaction_posted_at;

-- The last chain position posted at or before cut (0 before the first posting).
create function ledger_seq_at(cut timestamptz) returns bigint language plpgsql stable as $$
declare
    lo bigint := 0;
    hi bigint;
    mid bigint;
    mid_at timestamptz;
begin
    select seq into hi from ledger_chain_head where id = 1;
    -- invariant: position lo is at or before cut (0 is), every position above hi is after it
    while lo < hi loop
        mid := lo + (hi - lo + 1) / 2;
        select posted_at into mid_at from ledger_transaction where seq = mid;
        if mid_at is null then
            raise exception 'ledger chain has no transaction at position %', mid using errcode = 'XX001';
        end if;
        if mid_at <= cut then
            lo := mid;
        else
            hi := mid - 1;
        end if;
    end loop;
    return lo;
end
$$;
