-- An entitlement has a mode like everything else here: a subscription's is the subscription's; a store
-- purchase's is the store's environment (Apple's Sandbox, a Google Play test purchase: test; production:
-- live). Rows from before this were all made in development: a subscription's takes its subscription's
-- mode, a store purchase's is taken as live (what a production store notification would have been).
alter table entitlement add column livemode boolean;
update entitlement e set livemode = s.livemode from subscription s
where e.source = 'subscription' and s.id = e.source_id;
update entitlement set livemode = true where livemode is null;
alter table entitlement alter column livemode set not null;
drop index entitlement_by_customer;
create index entitlement_by_customer on entitlement (customer, livemode) where revoked_at is null;
