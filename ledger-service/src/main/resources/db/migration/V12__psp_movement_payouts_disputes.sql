-- Reconciliation also matches the payouts the acquirer paid and (later) the dispute debits it took
-- against the lines of its settlement file.
alter table psp_movement drop constraint psp_movement_type_check;
alter table psp_movement add constraint psp_movement_type_check
    check (type in ('capture', 'refund', 'payout', 'dispute'));
