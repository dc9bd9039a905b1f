-- Password failures are counted per (email, client address): guesses from one address lock only that
-- address, so nobody can lock a user out from elsewhere. The row with an empty address_hash counts the
-- failures at the email from every address: past a threshold it slows down addresses that never
-- logged in to the account (login_address), without locking anyone. The state is transient: dropping
-- the rows of the old per-email table forgets at most one lock period of failures.
drop table login_throttle;
create table login_throttle (
    email_hash      bytea       not null,
    address_hash    bytea       not null,
    failures        int         not null check (failures >= 0),
    last_failure_at timestamptz not null,
    locked_until    timestamptz,
    primary key (email_hash, address_hash)
);

-- Addresses a login to the account succeeded from (peppered hashes), exempt from the global slow-down.
create table login_address (
    email_hash      bytea       not null,
    address_hash    bytea       not null,
    last_success_at timestamptz not null,
    primary key (email_hash, address_hash)
);

-- Wrong second-factor codes (login, disable, step-up, password change), counted per user apart from
-- passwords and reset only by a correct code: a correct password never buys more code guesses.
create table factor_throttle (
    user_id         varchar(40) primary key references app_user (id),
    failures        int         not null check (failures >= 0),
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);
