-- Test clocks (test mode only): a merchant's frozen time that subscriptions made on it read instead of
-- the real clock, moved forward only by an explicit advance, so a year of renewals and dunning can be
-- walked through in seconds. Real-time work never touches rows on a test clock, and the clock's own
-- advance never touches rows without it.
create table test_clock (
    id             text primary key,
    merchant       text not null,
    name           text,
    frozen_time    timestamptz not null,
    -- ready, or advancing towards advancing_to (the work due on the way runs in time order)
    status         text not null check (status in ('ready', 'advancing')),
    advancing_to   timestamptz,
    -- a real-time lease of the runner working an advance, so one runner moves a clock at a time
    claimed_until  timestamptz,
    deleted_at     timestamptz,
    created        timestamptz not null
);
create index test_clock_by_merchant on test_clock (merchant, id) where deleted_at is null;
create index test_clock_advancing on test_clock (id) where status = 'advancing';

alter table subscription add column test_clock text references test_clock (id);
alter table invoice add column test_clock text references test_clock (id);
alter table entitlement add column test_clock text references test_clock (id);
create index subscription_on_test_clock on subscription (test_clock) where test_clock is not null;
create index invoice_on_test_clock on invoice (test_clock) where test_clock is not null;
create index entitlement_on_test_clock on entitlement (test_clock) where test_clock is not null;
