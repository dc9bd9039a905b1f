-- Catalogue: what a merchant sells. Prices are immutable once created (a new price replaces an old one),
-- so an invoice's amount can always be traced to the price it came from.
create table product (
    id text primary key,
    merchant text not null,
    name text not null,
    description text,
    livemode boolean not null,
    created timestamptz not null
);
create index product_by_merchant on product (merchant, id);

create table price (
    id text primary key,
    merchant text not null,
    product text not null references product (id),
    unit_amount bigint not null check (unit_amount >= 0),
    currency char(3) not null,
    recurring_interval text not null check (recurring_interval in ('day', 'week', 'month', 'year')),
    interval_count int not null check (interval_count between 1 and 365),
    trial_period_days int not null check (trial_period_days between 0 and 730),
    tier text not null,
    livemode boolean not null,
    created timestamptz not null
);
create index price_by_merchant on price (merchant, id);

-- billing_anchor and periods_elapsed define every period: period n is [anchor + n*interval,
-- anchor + (n+1)*interval), computed from the anchor so 31 Jan renews 28/29 Feb then 31 Mar.
create table subscription (
    id text primary key,
    merchant text not null,
    customer text not null,
    product text not null,
    price text not null references price (id),
    -- the price's tier, kept here so entitlements and events need no join
    tier text not null,
    payment_method text not null,
    status text not null,
    billing_anchor timestamptz not null,
    periods_elapsed int not null,
    current_period_start timestamptz not null,
    current_period_end timestamptz not null,
    trial_end timestamptz,
    cancel_at_period_end boolean not null default false,
    canceled_at timestamptz,
    ended_at timestamptz,
    -- unused time of a downgrade, taken off the next invoices (minor units of the price's currency)
    credit_balance bigint not null default 0 check (credit_balance >= 0),
    livemode boolean not null,
    created timestamptz not null
);
create index subscription_by_customer on subscription (customer, id);
create index subscription_by_merchant on subscription (merchant, id);
-- one subscription per user and product until it ends: the 409 of a second one rests on this index
create unique index subscription_one_live_per_product on subscription (customer, product)
    where status in ('incomplete', 'trialing', 'active', 'past_due');
-- the renewal run's queue: live subscriptions whose period has ended
create index subscription_due on subscription (current_period_end)
    where status in ('trialing', 'active', 'past_due');

create table invoice (
    id text primary key,
    subscription text not null references subscription (id),
    merchant text not null,
    customer text not null,
    amount_due bigint not null check (amount_due >= 0),
    currency char(3) not null,
    status text not null,
    billing_reason text not null,
    period_start timestamptz not null,
    period_end timestamptz not null,
    lines jsonb not null,
    attempt_count int not null default 0,
    next_attempt_at timestamptz,
    -- a renewal runner's lease: a replica that claimed the invoice and has not recorded the outcome
    claimed_until timestamptz,
    payment text,
    failure_code text,
    livemode boolean not null,
    created timestamptz not null,
    paid_at timestamptz
);
-- a period is invoiced once, however many times or replicas run the renewal
create unique index invoice_one_per_period on invoice (subscription, billing_reason, period_start)
    where billing_reason <> 'subscription_update';
create index invoice_by_subscription on invoice (subscription, id);
create index invoice_by_customer on invoice (customer, id);
create index invoice_by_merchant on invoice (merchant, id);
create index invoice_due on invoice (next_attempt_at) where status = 'open';

create table entitlement (
    id text primary key,
    merchant text not null,
    customer text not null,
    tier text not null,
    source text not null,
    source_id text not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    created timestamptz not null,
    unique (source, source_id)
);
create index entitlement_by_customer on entitlement (customer) where revoked_at is null;
create index entitlement_expiring on entitlement (expires_at) where revoked_at is null;
