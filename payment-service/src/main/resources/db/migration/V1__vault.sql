-- The card vault lives in its own schema so that its grants can be narrowed apart from payments.
-- The card number exists only as AES-256-GCM ciphertext under a per-record data key, itself
-- wrapped by a key-encryption key named by kek_version; the CVC is never stored.
create schema if not exists vault;

create table vault.payment_method (
    id                 varchar(64)  primary key,
    user_id            varchar(64)  not null,
    brand              varchar(16)  not null,
    last4              char(4)      not null,
    bin                char(6)      not null,
    exp_month          smallint     not null check (exp_month between 1 and 12),
    exp_year           smallint     not null,
    fingerprint        varchar(64)  not null,
    number_ciphertext  bytea        not null,
    wrapped_data_key   bytea        not null,
    kek_version        int          not null,
    detached_at        timestamptz,
    created_at         timestamptz  not null default now()
);

create index payment_method_user_idx on vault.payment_method (user_id, id) where detached_at is null;
create index payment_method_kek_idx on vault.payment_method (kek_version);
