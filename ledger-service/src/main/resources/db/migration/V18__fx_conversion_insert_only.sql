-- A conversion is the rate a payment's refunds and disputes will convert at: like the ledger's own
-- rows it is written once and never changed or removed.
create trigger fx_conversion_insert_only before update or delete on fx_conversion
    for each row execute function ledger_refuse_change();
create trigger fx_conversion_no_truncate before truncate on fx_conversion
    for each statement execute function ledger_refuse_change();
