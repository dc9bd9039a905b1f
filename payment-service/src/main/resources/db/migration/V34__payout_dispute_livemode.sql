-- Payouts and disputes belong to one mode, like payments (issue 21): a test payout spends the
-- merchant's test balance through the acquirer's test account only, and a key of one mode never
-- sees the other mode's payouts or disputes.
-- Existing payouts were all sent under the acquirer's test account: they are test payouts (the
-- ledger marks its existing balances test too, ledger V14). A dispute takes its payment's mode.
alter table payout add column livemode boolean not null default false;
alter table payout alter column livemode drop default;
drop index payout_merchant_idx;
create index payout_merchant_idx on payout (merchant_id, livemode, id);

alter table dispute add column livemode boolean;
update dispute d set livemode = p.livemode from payment p where p.id = d.payment_id;
update dispute set livemode = false where livemode is null;
alter table dispute alter column livemode set not null;
drop index dispute_merchant_idx;
create index dispute_merchant_idx on dispute (merchant_id, livemode, id);
