-- keyed by consumer too: tests start extra consumers on the same topic and database
create table applied_event (
    consumer    varchar(128) not null,
    event_id    varchar(64) not null,
    payment_id  varchar(64) not null,
    trace_id    varchar(64),
    primary key (consumer, event_id)
);
