-- The outbox kill drill's own tables: where the producing service is in its sequence, and
-- every event the consuming service applied, in the order it applied them.
create table drill_progress (
    id int primary key,
    next_seq bigint not null
);
insert into drill_progress (id, next_seq) values (1, 0);

create table drill_applied (
    id bigserial primary key,
    event_id varchar(64) not null,
    aggregate_id varchar(64) not null,
    seq bigint not null
);
