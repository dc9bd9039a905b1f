package io.emberpay.ledger.fx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class FxQuoteTests {

	private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

	@Test
	void theAppliedRateIsTheMidRateLessTheMarginExactly() {
		FxQuote quote = FxQuote.of(new ExchangeRate("EUR", "USD", new BigDecimal("1.0528"), DAY), 100);
		assertThat(quote.rate()).isEqualByComparingTo("1.042272");
		assertThat(quote.midRate()).isEqualByComparingTo("1.0528");
	}

	@Test
	void eachPartIsRoundedHalfEvenAndTheResidueTakesWhatTheRoundingsLeave() {
		// 1,000.00 EUR at 1.0528: value 1052.80 USD, settled 1042.272 -> 1042.27, margin
		// 10.528 -> 10.53
		FxQuote quote = FxQuote.of(new ExchangeRate("EUR", "USD", new BigDecimal("1.0528"), DAY), 100);
		FxQuote.Conversion conversion = quote.convert(100_000);
		assertThat(conversion.value()).isEqualTo(105_280);
		assertThat(conversion.settled()).isEqualTo(104_227);
		assertThat(conversion.margin()).isEqualTo(1_053);
		assertThat(conversion.residue()).isEqualTo(0);
		// 0.05 USD at rate 1.25 is exactly 6.25 cents: half-even rounds to 6, not 7
		FxQuote exact = new FxQuote("EUR", "USD", new BigDecimal("1.25"), new BigDecimal("1.25"), DAY);
		assertThat(exact.convert(5).settled()).isEqualTo(6);
		assertThat(exact.convert(7).settled()).isEqualTo(9);
	}

	@Test
	void minorUnitsOfEachCurrencyAreRespected() {
		// 10,000 JPY (no decimals) at 0.006605 USD: 66.05 USD
		FxQuote yen = new FxQuote("JPY", "USD", new BigDecimal("0.006605"), new BigDecimal("0.006605"), DAY);
		assertThat(yen.convert(10_000).settled()).isEqualTo(6_605);
		// 10.00 USD into KWD (3 decimals) at 0.307673: 3.07673 -> 3.077 KWD
		FxQuote dinar = new FxQuote("USD", "KWD", new BigDecimal("0.307673"), new BigDecimal("0.307673"), DAY);
		assertThat(dinar.convert(1_000).settled()).isEqualTo(3_077);
	}

	@Test
	void partsAlwaysAddUpAndSharesAddUpToTheWhole() {
		Random random = new Random(24);
		for (int i = 0; i < 2_000; i++) {
			FxQuote quote = FxQuote.of(
					new ExchangeRate("EUR", "JPY", new BigDecimal(random.nextInt(1, 2_000_000)).movePointLeft(4), DAY),
					random.nextInt(0, 300));
			long amount = random.nextLong(1, 10_000_000);
			FxQuote.Conversion whole = quote.convert(amount);
			assertThat(whole.value()).isEqualTo(whole.settled() + whole.margin() + whole.residue());
			assertThat(Math.abs(whole.residue())).isLessThanOrEqualTo(1);
			long before = 0;
			long settled = 0;
			long value = 0;
			long margin = 0;
			while (before < amount) {
				long after = Math.min(amount, before + random.nextLong(1, amount + 1));
				FxQuote.Conversion share = quote.convertShare(before, after);
				assertThat(share.value()).isEqualTo(share.settled() + share.margin() + share.residue());
				settled += share.settled();
				value += share.value();
				margin += share.margin();
				before = after;
			}
			assertThat(settled).isEqualTo(whole.settled());
			assertThat(value).isEqualTo(whole.value());
			assertThat(margin).isEqualTo(whole.margin());
		}
	}

	@Test
	void theBundledTableQuotesCrossRatesAndFallsBackToTheNearestEarlierDay() {
		BundledRates rates = new BundledRates(new ClassPathResource("fx/rates.csv"));
		ExchangeRate sunday = rates.rate("EUR", "USD", LocalDate.of(2026, 12, 6)).orElseThrow();
		assertThat(sunday.day()).isEqualTo(LocalDate.of(2026, 12, 4));
		assertThat(sunday.rate()).isEqualByComparingTo("1.0549");
		ExchangeRate cross = rates.rate("EUR", "JPY", DAY).orElseThrow();
		assertThat(cross.rate()).isEqualByComparingTo(new BigDecimal("1.0528").divide(new BigDecimal("0.006605"),
				BundledRates.SCALE, java.math.RoundingMode.HALF_EVEN));
		assertThat(rates.rate("EUR", "USD", LocalDate.of(2020, 1, 1)).orElseThrow().day())
			.isEqualTo(LocalDate.of(2026, 12, 1));
		assertThat(rates.rate("EUR", "BRL", DAY)).isEmpty();
		BundledRates own = new BundledRates(new ByteArrayResource("date,currency,usd\n2026-01-02,EUR,2\n".getBytes()));
		assertThat(own.rate("USD", "EUR", DAY)).isEmpty();
	}

}
