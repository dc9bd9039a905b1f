-- A group-commit writer (the ledger) commits hundreds of events at once. Stored one row per event,
-- each event costs a heap row, two index entries and, once relayed and deleted, a dead tuple the
-- relay's next scan must step over; stored as one row, the whole commit costs that once.
-- Such a row names no single record_key or event_type: record_keys and event_types list its events
-- in order, and payload holds their envelopes one per line (compact JSON has no raw newline).
alter table outbox_event
    alter column record_key drop not null,
    alter column event_type drop not null,
    add column record_keys varchar(128)[],
    add column event_types varchar(128)[],
    add constraint outbox_event_one_or_many check (
        (record_key is not null and event_type is not null and record_keys is null and event_types is null)
        or (record_key is null and event_type is null and cardinality(record_keys) >= 1
            and cardinality(event_types) = cardinality(record_keys)));

-- A group commit's payload runs to hundreds of kilobytes, which PostgreSQL would compress (pglz)
-- on the writer's critical path for a row that lives a few milliseconds: store it as it is.
alter table outbox_event alter column payload set storage external;
