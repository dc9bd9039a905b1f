create table applied_event (
    event_id    varchar(64) primary key,
    payment_id  varchar(64) not null,
    trace_id    varchar(64)
);
