-- Payment methods beyond cards (issue 22): wallets (apple_pay, google_pay) and bank debits (sepa_debit,
-- us_bank_account) live in vault.payment_method beside cards. Their secret (the wallet's token, the IBAN
-- or the account number) is the record's envelope ciphertext like a card number; only brand, last4, bank
-- and country are kept readable. A bank debit has no expiry or BIN.
alter table vault.payment_method
    add column type varchar(16) not null default 'card'
        check (type in ('card', 'apple_pay', 'google_pay', 'sepa_debit', 'us_bank_account')),
    add column bank_name varchar(128),
    add column country char(2),
    add column routing_number char(9),
    add column account_holder_name varchar(128),
    add column account_holder_type varchar(16),
    -- the mandate the user accepted for a bank debit: what a return for "no mandate" (MD01) is answered with
    add column mandate_reference varchar(64),
    add column mandate_accepted_at timestamptz,
    add column mandate_ip varchar(64),
    add column mandate_user_agent varchar(512),
    alter column bin drop not null,
    alter column exp_month drop not null,
    alter column exp_year drop not null;

-- Payments keep the method's type, and a 3-D Secure challenge's redirect while it waits for the customer.
alter table payment
    add column payment_method_type varchar(16) not null default 'card',
    add column return_url varchar(2048),
    add column next_action_url varchar(2048),
    alter column card_bin drop not null,
    alter column card_exp_month drop not null,
    alter column card_exp_year drop not null;
