-- ledger.transaction_posted is published by tailing ledger_transaction (LedgerPublisher), not through
-- an outbox row per batch: this is how far it has published. Transactions up to the current head
-- were announced through the outbox already.
create table ledger_publication (
    id        int     primary key check (id = 1),
    last_seq  bigint  not null check (last_seq >= 0)
);
insert into ledger_publication (id, last_seq) select 1, seq from ledger_chain_head;
