-- Old attempts are pruned by time; rows arrive roughly in time order, so a BRIN index finds them
-- at almost no cost to inserts on the scoring path.
create index payment_attempt_occurred_brin on payment_attempt using brin (occurred_at);
