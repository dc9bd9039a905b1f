-- Operators resolve reconciliation exceptions (issue 25). A resolution is written once, by one operator,
-- with a reason code and a note, and never changed or removed, like the ledger's own rows: the row is
-- the audit of who closed the exception, when and why. An exception without a row is open.
create table reconciliation_resolution (
    exception_id    varchar(64)  primary key references reconciliation_exception (id),
    resolution      varchar(32)  not null
        check (resolution in ('matched_manually', 'acquirer_error', 'timing', 'written_off')),
    note            varchar(500) not null check (char_length(btrim(note)) between 1 and 500),
    resolved_by     varchar(64)  not null,
    correlation_id  varchar(128),
    resolved_at     timestamptz  not null default now()
);

create trigger reconciliation_resolution_insert_only before update or delete on reconciliation_resolution
    for each row execute function ledger_refuse_change();
create trigger reconciliation_resolution_no_truncate before truncate on reconciliation_resolution
    for each statement execute function ledger_refuse_change();
