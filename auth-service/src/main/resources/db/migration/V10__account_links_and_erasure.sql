-- When the user proved they read mail at their address (null: not yet), and when the user was erased
-- (their row stays, pseudonymised, so the ids in append-only records keep pointing somewhere).
alter table app_user add column email_verified_at timestamptz;
alter table app_user add column erased_at timestamptz;

-- Password reset and e-mail verification links. A row is made when the link is asked for; its token is
-- minted only when notification-service fetches it to send the e-mail (internal.AccountLinkController), so
-- the token exists in clear only in that answer and in the e-mail. Only its SHA-256 is kept; fetching again
-- mints a new token and the older one stops working. Single use: used_at.
create table account_link (
    id           varchar(40) primary key,
    user_id      varchar(40) not null references app_user (id),
    purpose      varchar(24) not null check (purpose in ('password_reset', 'email_verification')),
    token_hash   bytea       unique,
    requested_at timestamptz not null,
    issued_at    timestamptz,
    expires_at   timestamptz,
    used_at      timestamptz
);
create index account_link_user on account_link (user_id, purpose, requested_at);
