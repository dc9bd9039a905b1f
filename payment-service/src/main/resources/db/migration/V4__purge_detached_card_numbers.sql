-- A detached card's number is deleted once no payment in flight can still need it (vault.DetachedCards);
-- brand, last4, BIN and fingerprint stay for the payment history.
alter table vault.payment_method
    alter column number_ciphertext drop not null,
    alter column wrapped_data_key drop not null;
