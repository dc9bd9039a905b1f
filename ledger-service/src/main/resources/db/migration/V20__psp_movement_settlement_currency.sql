-- A PSP movement of a converted payment (V17) mixed two currencies in one row: amount and currency
-- were the acquirer's (the payment's currency), platform_fee the settlement currency's. Each money
-- column now says its currency: amount in currency, as the acquirer's settlement report states it and
-- reconciliation matches it; settlement_amount and platform_fee in settlement_currency, what the
-- merchant's balance and the platform's fees moved by, converted at exchange_rate (null when the
-- movement was not converted, and then settlement_currency = currency and settlement_amount = amount).
alter table psp_movement add column settlement_amount bigint;
alter table psp_movement add column settlement_currency char(3);
alter table psp_movement add column exchange_rate numeric(28, 12);

-- Movements booked with a conversion take it from their own transaction's fx_conversion; a converted
-- dispute had kept its fee in the payment's currency, so it takes the fee its transaction booked.
update psp_movement m
   set settlement_amount = c.settlement_amount,
       settlement_currency = c.settlement_currency,
       exchange_rate = c.exchange_rate
  from fx_conversion c
 where c.transaction_seq = m.transaction_seq;
update psp_movement m
   set platform_fee = coalesce((
       select sum(e.amount) from ledger_entry e join ledger_account a on a.number = e.account_number
        where e.transaction_seq = m.transaction_seq and a.code = 'platform_fees'
          and e.currency = m.settlement_currency and e.phase = 'posted'), 0)
 where m.type = 'dispute' and m.exchange_rate is not null;
update psp_movement
   set settlement_amount = amount, settlement_currency = currency
 where settlement_currency is null;

alter table psp_movement alter column settlement_amount set not null;
alter table psp_movement alter column settlement_currency set not null;
alter table psp_movement add constraint psp_movement_settlement_check check (
    settlement_amount >= 0
    and (exchange_rate is null) = (settlement_currency = currency)
    and (exchange_rate is not null or settlement_amount = amount)
    and (exchange_rate is null or exchange_rate > 0));
