-- A movement of a merchant's balance may now touch its available funds directly (payouts,
-- disputes), not only its pending funds. One ledger transaction may in principle move both,
-- so a balance transaction is unique per part: 'pending' rows wait for the release job,
-- 'available' rows are available from the start.
alter table balance_transaction add column part varchar(9) not null default 'pending'
    check (part in ('pending', 'available'));
alter table balance_transaction drop constraint balance_transaction_transaction_seq_merchant_currency_key;
alter table balance_transaction add constraint balance_transaction_movement_part
    unique (transaction_seq, merchant, currency, part);
