-- A bank debit returned after it settled takes the captured amount back from the acquirer; the movement is
-- recorded beside captures and refunds (issue 22).
alter table psp_movement drop constraint psp_movement_type_check;
alter table psp_movement add constraint psp_movement_type_check
    check (type in ('capture', 'refund', 'payout', 'dispute', 'return'));
