-- Every payment attempt fraud-service has seen, from a scoring request or from a payment event,
-- keyed by payment id so the two sources never count one payment twice. Velocity windows,
-- distinct cards per device, users per card and the last location are computed from these rows.
create table payment_attempt (
    payment_id        varchar(64)  primary key,
    user_id           varchar(64),
    merchant_id       varchar(64)  not null,
    amount            bigint       not null check (amount > 0),
    currency          char(3)      not null,
    card_fingerprint  varchar(128),
    card_bin          varchar(8),
    card_country      char(2),
    device_id         varchar(128),
    ip                varchar(45),
    ip_country        char(2),
    -- degrees, not money: the location of the IP, for impossible-travel checks
    latitude          double precision,
    longitude         double precision,
    occurred_at       timestamptz  not null,
    outcome           varchar(16)  not null default 'pending' check (outcome in ('pending', 'authorized', 'failed')),
    source            varchar(8)   not null check (source in ('score', 'event')),
    score             int          check (score between 0 and 100),
    decision          varchar(8)   check (decision in ('approve', 'review', 'decline')),
    reasons           text,
    recorded_at       timestamptz  not null default now()
);
create index payment_attempt_user_time on payment_attempt (user_id, occurred_at) include (amount, currency);
create index payment_attempt_card_time on payment_attempt (card_fingerprint, occurred_at)
    include (amount, currency, user_id) where card_fingerprint is not null;
create index payment_attempt_device_time on payment_attempt (device_id, occurred_at)
    include (amount, currency, card_fingerprint) where device_id is not null;
create index payment_attempt_ip_time on payment_attempt (ip, occurred_at) include (amount, currency) where ip is not null;

-- Running statistics of ln(amount) per user (and per merchant, the cold start for new users),
-- updated with Welford's recurrence when a payment is authorized. Statistics, not money: double.
create table amount_stats (
    scope       varchar(16)      not null check (scope in ('user', 'merchant')),
    subject     varchar(64)      not null,
    currency    char(3)          not null,
    samples     bigint           not null check (samples > 0),
    mean_log    double precision not null,
    m2_log      double precision not null check (m2_log >= 0),
    updated_at  timestamptz      not null default now(),
    primary key (scope, subject, currency)
);

-- Failures in a row since the last success: payments per user and per card, logins per user.
create table failure_streak (
    scope       varchar(16)  not null check (scope in ('payment_user', 'payment_card', 'login_user')),
    subject     varchar(128) not null,
    failures    int          not null check (failures >= 0),
    updated_at  timestamptz  not null default now(),
    primary key (scope, subject)
);

-- Devices a user has proven: a successful login on them or an authorized payment from them.
create table user_device (
    user_id     varchar(64)  not null,
    device_id   varchar(128) not null,
    first_seen  timestamptz  not null,
    last_seen   timestamptz  not null,
    primary key (user_id, device_id)
);

-- Operator-managed block and allow lists.
create table list_entry (
    list_name   varchar(32)  not null check (list_name in ('bin', 'card_fingerprint', 'device', 'email_domain')),
    value       varchar(128) not null,
    action      varchar(8)   not null check (action in ('block', 'allow')),
    reason      varchar(500),
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null default now(),
    primary key (list_name, value)
);

-- Per-merchant decision thresholds set by operators; merchants without a row use the configured defaults.
create table merchant_thresholds (
    merchant_id  varchar(64) primary key,
    review_at    int         not null,
    decline_at   int         not null,
    updated_by   varchar(64) not null,
    updated_at   timestamptz not null default now(),
    check (review_at between 1 and 100 and decline_at between 1 and 100 and review_at <= decline_at)
);

-- Who changed what, insert-only.
create table operator_audit (
    id           bigserial    primary key,
    actor        varchar(64)  not null,
    action       varchar(64)  not null,
    target       varchar(200) not null,
    detail       text         not null,
    occurred_at  timestamptz  not null default now()
);
