package io.emberpay.ledger.fx;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each merchant's settlement currency: the one it chose, else the currency of its first
 * captured payment, kept from then on. Changing it converts later payments only; funds
 * already in another currency stay there (and are paid out in it).
 */
@Repository
public class SettlementCurrencies {

	private final JdbcClient jdbc;

	public SettlementCurrencies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<String> find(String merchant) {
		return this.jdbc.sql("select currency from merchant_settlement where merchant = ?")
			.param(merchant)
			.query(String.class)
			.optional();
	}

	/**
	 * The merchant's settlement currency; a merchant without one settles in
	 * {@code paymentCurrency} from now on. Called under the chain lock, so two first
	 * payments of one merchant cannot race.
	 */
	public String settlementCurrency(String merchant, String paymentCurrency) {
		Optional<String> chosen = find(merchant);
		if (chosen.isPresent()) {
			return chosen.get();
		}
		this.jdbc.sql("""
				insert into merchant_settlement (merchant, currency, chosen_by) values (?, ?, 'first_payment')
				on conflict (merchant) do nothing""").params(merchant, paymentCurrency).update();
		return find(merchant).orElse(paymentCurrency);
	}

	/** The merchant's own choice, for payments captured from now on. */
	public void choose(String merchant, String currency) {
		this.jdbc.sql("""
				insert into merchant_settlement (merchant, currency, chosen_by) values (?, ?, 'merchant')
				on conflict (merchant) do update set currency = excluded.currency, chosen_by = 'merchant',
				    updated_at = now()""").params(merchant, currency).update();
	}

}
