-- What a merchant reads about a movement beyond its type and source: for now the subscription
-- invoice a payment paid or a refund gave back (issue 23). Operators' adjustment descriptions stay
-- in the ledger transaction only: they are written for operators.
alter table balance_transaction add column description varchar(200);
