-- A merchant's team: users who work on the merchant's account in the dashboard, each with one role.
-- grant_id names the merchant tokens issued under this membership and role (claim "grant"); removing the
-- member or changing their role ends the grant, which the revoked sessions feed then names, so the gateway
-- refuses those tokens at once instead of when they expire.
create table merchant_member (
    merchant_id varchar(40) not null references merchant (id),
    user_id     varchar(40) not null references app_user (id),
    role        varchar(16) not null check (role in ('admin', 'developer', 'view_only')),
    grant_id    varchar(40) not null unique,
    added_at    timestamptz not null,
    -- the admin user or the merchant's key (the merchant id) that added the member
    added_by    varchar(64),
    primary key (merchant_id, user_id)
);
create index merchant_member_user on merchant_member (user_id);

-- Grants ended by a removal or a role change (merchant_member.grant_id), for the revoked sessions feed.
create table member_grant_revoked (
    grant_id   varchar(40) primary key,
    revoked_at timestamptz not null
);
create index member_grant_revoked_at on member_grant_revoked (revoked_at);

-- An invitation to join a merchant's team, mailed to an address. Like account_link, its token is minted when
-- notification-service fetches it to send the e-mail and only its SHA-256 is kept (null until then);
-- fetching again mints a new token and the previous one stops working. Single use: accepted_at.
create table merchant_invitation (
    id          varchar(40)  primary key,
    merchant_id varchar(40)  not null references merchant (id),
    email       varchar(254) not null,
    role        varchar(16)  not null check (role in ('admin', 'developer', 'view_only')),
    token_hash  bytea        unique,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    accepted_at timestamptz,
    accepted_by varchar(40),
    revoked_at  timestamptz,
    invited_by  varchar(64)  not null,
    check (accepted_at is null or revoked_at is null)
);
create index merchant_invitation_merchant on merchant_invitation (merchant_id, created_at);
