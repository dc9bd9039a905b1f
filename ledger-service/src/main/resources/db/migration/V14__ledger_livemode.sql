-- Test and live money kept apart (issue 21): every account belongs to one mode, the live one or
-- the test one, and a transaction moves money within one mode only (checked in code,
-- PostingRules). A merchant thus has a balance per (merchant, mode, currency); so do the
-- acquirers' receivables, the platform's fees and the payouts in transit.
--
-- Existing rows: the ledger ignored the mode until now, so an existing account may hold both.
-- Entries are immutable and the ledger cannot tell afterwards which payment was which, so the
-- accounts cannot be split. They are all marked test: payments defaulted to test mode
-- (payment-service V2) and payouts were all sent under the acquirer's test account, and the
-- failure this choice risks (live money waiting in a test balance until an operator moves it
-- by adjustment) can be put right, while the opposite one (test money paid out as real money)
-- cannot.
alter table ledger_account add column livemode boolean not null default false;
alter table ledger_account alter column livemode drop default;
alter table ledger_account drop constraint ledger_account_code_currency_key;
alter table ledger_account add constraint ledger_account_code_currency_mode_key unique (code, currency, livemode);
drop index ledger_account_owner;
create index ledger_account_owner on ledger_account (owner, livemode) where owner is not null;
-- the mode is part of an account's identity, like its id and currency
drop trigger ledger_account_keys_fixed on ledger_account;
create trigger ledger_account_keys_fixed before update of id, currency, number, livemode or delete on ledger_account
    for each row execute function ledger_refuse_account_change();

-- A balance transaction is a movement of one mode's balance; merchants list only their mode's.
alter table balance_transaction add column livemode boolean not null default false;
alter table balance_transaction alter column livemode drop default;
drop index balance_transaction_merchant;
create index balance_transaction_merchant on balance_transaction (merchant, livemode, seq);

-- Reconciliation settles a matched line within the mode of the movement it matched.
alter table psp_movement add column livemode boolean not null default false;
alter table psp_movement alter column livemode drop default;
