package io.emberpay.ledger.fx;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each merchant's settlement currency, per mode (test and live are separate balances, and
 * a merchant tries a currency out with test keys without moving its live money): the one
 * it chose, else (with {@code emberpay.ledger.fx.settle-in-first-currency}) the currency
 * of its first captured payment, kept from then on, else none: each payment settles in
 * its own currency. Changing it converts later payments only; funds already in another
 * currency stay there (and are paid out in it).
 */
@Repository
public class SettlementCurrencies {

	private final JdbcClient jdbc;

	private final boolean firstCurrencyByDefault;

	public SettlementCurrencies(JdbcClient jdbc, FxProperties properties) {
		this.jdbc = jdbc;
		this.firstCurrencyByDefault = properties.settleInFirstCurrency();
	}

	public Optional<String> find(String merchant, boolean livemode) {
		return this.jdbc.sql("select currency from merchant_settlement where merchant = ? and livemode = ?")
			.params(merchant, livemode)
			.query(String.class)
			.optional();
	}

	/**
	 * The currency a payment in {@code paymentCurrency} settles in. A merchant without a
	 * settlement currency settles it in its own currency, and, when the first currency is
	 * the default, in this one from now on. Called under the chain lock, so two first
	 * payments of one merchant cannot race.
	 */
	public String settlementCurrency(String merchant, boolean livemode, String paymentCurrency) {
		Optional<String> chosen = find(merchant, livemode);
		if (chosen.isPresent()) {
			return chosen.get();
		}
		if (!this.firstCurrencyByDefault) {
			return paymentCurrency;
		}
		this.jdbc.sql("""
				insert into merchant_settlement (merchant, livemode, currency, chosen_by)
				values (?, ?, ?, 'first_payment')
				on conflict (merchant, livemode) do nothing""").params(merchant, livemode, paymentCurrency).update();
		return find(merchant, livemode).orElse(paymentCurrency);
	}

	/** The merchant's own choice in one mode, for payments captured from now on. */
	public void choose(String merchant, boolean livemode, String currency) {
		this.jdbc.sql("""
				insert into merchant_settlement (merchant, livemode, currency, chosen_by) values (?, ?, ?, 'merchant')
				on conflict (merchant, livemode) do update set currency = excluded.currency, chosen_by = 'merchant',
				    updated_at = now()""").params(merchant, livemode, currency).update();
	}

}
