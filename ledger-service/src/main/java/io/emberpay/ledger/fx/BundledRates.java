package io.emberpay.ledger.fx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.core.io.Resource;

/**
 * The daily rate table shipped with the service for local runs and tests: per day, US
 * dollars for one unit of each currency. A cross rate is the quotient of the two dollar
 * rates, to {@value #SCALE} decimal places, rounded half-even. A day missing from the
 * table (a weekend) uses the nearest earlier day, a day before the table its first day.
 */
public class BundledRates implements RateSource {

	/** Decimal places of a quoted cross rate. */
	static final int SCALE = 12;

	private final NavigableMap<LocalDate, Map<String, BigDecimal>> days;

	public BundledRates(Resource table) {
		this.days = read(table);
		if (this.days.isEmpty()) {
			throw new IllegalStateException("The exchange rate table " + table + " has no rates");
		}
	}

	@Override
	public Optional<ExchangeRate> rate(String from, String to, LocalDate day) {
		Map.Entry<LocalDate, Map<String, BigDecimal>> quoted = this.days.floorEntry(day);
		if (quoted == null) {
			quoted = this.days.firstEntry();
		}
		BigDecimal fromUsd = quoted.getValue().get(from);
		BigDecimal toUsd = quoted.getValue().get(to);
		if (fromUsd == null || toUsd == null) {
			return Optional.empty();
		}
		BigDecimal rate = fromUsd.divide(toUsd, SCALE, RoundingMode.HALF_EVEN);
		return Optional.of(new ExchangeRate(from, to, rate, quoted.getKey()));
	}

	private static NavigableMap<LocalDate, Map<String, BigDecimal>> read(Resource table) {
		NavigableMap<LocalDate, Map<String, BigDecimal>> days = new TreeMap<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(table.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("date,")) {
					continue;
				}
				String[] fields = trimmed.split(",");
				if (fields.length != 3) {
					throw new IllegalStateException("Not a rate line (date,currency,usd): " + trimmed);
				}
				BigDecimal usd = new BigDecimal(fields[2].strip());
				if (usd.signum() <= 0) {
					throw new IllegalStateException("Not a positive rate: " + trimmed);
				}
				days.computeIfAbsent(LocalDate.parse(fields[0].strip()), day -> new HashMap<>())
					.put(fields[1].strip(), usd);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the exchange rate table " + table, ex);
		}
		return days;
	}

}
