package io.emberpay.ledger.fx;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where mid-market exchange rates come from. The bundled daily table
 * ({@link BundledRates}) serves local runs and tests; production declares its own bean (a
 * rate provider's feed) and the table steps aside.
 */
public interface RateSource {

	/**
	 * Units of {@code to} for one unit of {@code from} (major units) on {@code day},
	 * empty when the source does not quote the pair.
	 */
	Optional<ExchangeRate> rate(String from, String to, LocalDate day);

}
