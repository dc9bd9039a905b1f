-- Users: email is stored normalised (trimmed, lower case); the password only as an Argon2id hash.
create table app_user (
    id            varchar(40)  primary key,
    email         varchar(254) not null unique,
    password_hash varchar(255) not null,
    roles         text[]       not null default '{user}',
    created_at    timestamptz  not null default now()
);

-- Failed-login state keyed by a hash of the submitted email, whether or not an account has it,
-- so throttling and lockout answer the same for known and unknown emails.
create table login_throttle (
    email_hash      bytea       primary key,
    failures        int         not null check (failures >= 0),
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);

-- JWT signing keys, private parts sealed with AES-256-GCM under the configured master key.
-- A key is published from creation, signs from activates_at, and stays published until
-- retires_at (the last token it signed has expired).
create table signing_key (
    kid          varchar(64) primary key,
    sealed_jwk   bytea       not null,
    created_at   timestamptz not null,
    activates_at timestamptz not null,
    retires_at   timestamptz
);

-- A login session: one refresh-token family. Revoking it spends every token of the family.
create table auth_session (
    id            varchar(40) primary key,
    user_id       varchar(40) not null references app_user (id),
    amr           text[]      not null,
    device_id     varchar(128),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    revoke_reason varchar(32)
);
create index auth_session_user on auth_session (user_id);

-- Refresh tokens are opaque 256-bit randoms; only their SHA-256 is kept.
create table refresh_token (
    token_hash bytea       primary key,
    session_id varchar(40) not null references auth_session (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index refresh_token_session on refresh_token (session_id);

create table user_device (
    user_id          varchar(40)  not null references app_user (id),
    device_id        varchar(128) not null,
    fingerprint_hash varchar(64),
    first_seen_at    timestamptz  not null,
    last_seen_at     timestamptz  not null,
    primary key (user_id, device_id)
);

-- One TOTP factor per user; the shared secret sealed like the signing keys. last_used_step
-- makes every accepted code single-use.
create table totp_factor (
    user_id        varchar(40) primary key references app_user (id),
    sealed_secret  bytea       not null,
    status         varchar(16) not null check (status in ('pending', 'active')),
    last_used_step bigint      not null default -1,
    created_at     timestamptz not null default now(),
    activated_at   timestamptz
);

create table recovery_code (
    user_id   varchar(40) not null references app_user (id),
    code_hash bytea       not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- Second step of a login with MFA: the mfa_token handed out after the password, stored hashed.
create table mfa_login (
    token_hash       bytea        primary key,
    user_id          varchar(40)  not null references app_user (id),
    device_id        varchar(128),
    fingerprint_hash varchar(64),
    attempts         int          not null default 0,
    expires_at       timestamptz  not null,
    completed_at     timestamptz
);

-- Step-up for one payment: passes at most once and only for that payment.
create table step_up_challenge (
    id         varchar(40) primary key,
    user_id    varchar(40) not null references app_user (id),
    payment_id varchar(64) not null,
    status     varchar(16) not null check (status in ('pending', 'passed', 'failed')),
    attempts   int         not null default 0,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    passed_at  timestamptz
);
create index step_up_challenge_payment on step_up_challenge (user_id, payment_id);

create table merchant (
    id               varchar(40)  primary key,
    name             varchar(200) not null,
    email            varchar(254) not null,
    status           varchar(16)  not null default 'active' check (status in ('active', 'suspended')),
    live_enabled     boolean      not null default false,
    live_approved_by varchar(40),
    live_approved_at timestamptz,
    created_at       timestamptz  not null default now()
);

-- Secret API keys are shown once; only an HMAC-SHA256 under a server-side pepper is kept
-- (the keys carry 256 random bits, so a slow hash would add latency and no safety).
create table api_key (
    id          varchar(40) primary key,
    merchant_id varchar(40) not null references merchant (id),
    mode        varchar(8)  not null check (mode in ('test', 'live')),
    key_hash    bytea       not null unique,
    last4       varchar(4)  not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz,
    revoked_at  timestamptz
);
create index api_key_merchant on api_key (merchant_id);

-- Append-only record of every security event: who, what, when, from where, with what outcome.
create table security_audit (
    id          bigserial    primary key,
    occurred_at timestamptz  not null,
    event_id    varchar(64)  not null unique,
    event_type  varchar(64)  not null,
    subject     varchar(64)  not null,
    actor       varchar(64),
    origin      varchar(64),
    outcome     varchar(16)  not null check (outcome in ('success', 'failure')),
    detail      jsonb        not null default '{}'
);
create index security_audit_subject on security_audit (subject, occurred_at);

create function security_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'security_audit is append-only: % refused', tg_op;
end;
$$;

create trigger security_audit_no_update_delete
    before update or delete on security_audit
    for each row execute function security_audit_is_append_only();

create trigger security_audit_no_truncate
    before truncate on security_audit
    for each statement execute function security_audit_is_append_only();
