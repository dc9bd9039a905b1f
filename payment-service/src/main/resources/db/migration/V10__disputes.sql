-- Disputes (chargebacks) the acquirers opened against payments: needs_response -> under_review ->
-- won | lost. One row per acquirer dispute, so a redelivered notice opens nothing twice.
create table dispute (
    id               varchar(64)  primary key,
    payment_id       varchar(64)  not null,
    merchant_id      varchar(64)  not null,
    amount           bigint       not null check (amount > 0),
    fee              bigint       not null check (fee >= 0),
    currency         char(3)      not null,
    reason           varchar(64),
    status           varchar(16)  not null check (status in ('needs_response', 'under_review', 'won', 'lost')),
    psp              varchar(16)  not null,
    psp_reference    varchar(128) not null,
    evidence_due_by  timestamptz  not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    unique (psp, psp_reference)
);

create index dispute_merchant_idx on dispute (merchant_id, id);

-- The merchant's evidence (text fields and files as one JSON document), only as AES-256-GCM
-- ciphertext under the vault's keys, the dispute id being the authenticated data.
create table dispute_evidence (
    id                bigint       generated always as identity primary key,
    dispute_id        varchar(64)  not null references dispute (id),
    bytes             int          not null check (bytes > 0),
    ciphertext        bytea        not null,
    wrapped_data_key  bytea        not null,
    kek_version       int          not null,
    submitted_at      timestamptz  not null default now()
);

-- acquirers' dispute notices name the payment by the acquirer's id
create index payment_psp_reference_idx on payment (psp, psp_reference);
