package io.emberpay.ledger.fx;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.PostingOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Converts a payment into the merchant's settlement currency inside the posting that
 * books it. The conversion is a transfer through a pair of {@code fx_clearing} accounts,
 * one per currency: the payment's currency moves to {@code fx_clearing} in that currency
 * (so its side balances in it), and {@code fx_clearing} in the settlement currency gives
 * the mid-market value, split into what the merchant is credited, the platform's margin
 * ({@code fx_margin}) and the rounding residue ({@code fx_rounding}), so that side
 * balances in the settlement currency. Refunds, returns and disputes of a converted
 * payment use the payment's own rate ({@link #originalQuote}), so the merchant gives back
 * exactly what it was credited for that part and the platform carries the market's moves.
 * Test and live money never meet: the FX accounts are opened in the payment's mode, and a
 * merchant's settlement currency is chosen per mode.
 */
@Component
public class FxSettlement {

	/** The platform's position in each currency from converting. */
	public static final String FX_CLEARING = "fx_clearing";

	/** The platform's margin on the mid-market rate, in the settlement currency. */
	public static final String FX_MARGIN = "fx_margin";

	/** What rounding each part to the minor unit leaves over, either way. */
	public static final String FX_ROUNDING = "fx_rounding";

	private static final Logger log = LoggerFactory.getLogger(FxSettlement.class);

	private final RateSource rates;

	private final SettlementCurrencies settlementCurrencies;

	private final LedgerAccounts accounts;

	private final FxProperties properties;

	private final JdbcClient jdbc;

	public FxSettlement(RateSource rates, SettlementCurrencies settlementCurrencies, LedgerAccounts accounts,
			FxProperties properties, JdbcClient jdbc) {
		this.rates = rates;
		this.settlementCurrencies = settlementCurrencies;
		this.accounts = accounts;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	/**
	 * The terms a payment captured now in {@code currency} converts on, empty when the
	 * merchant settles in that currency, or when no rate is quoted for the pair (the
	 * payment then settles in its own currency rather than stopping the ledger).
	 */
	public Optional<FxQuote> quoteFor(String merchant, boolean livemode, String currency, Instant at) {
		String settlement = this.settlementCurrencies.settlementCurrency(merchant, livemode, currency);
		if (settlement.equals(currency)) {
			return Optional.empty();
		}
		LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
		Optional<ExchangeRate> mid = this.rates.rate(currency, settlement, day);
		if (mid.isEmpty()) {
			log.warn("No {}/{} rate for {}: merchant {} is credited in {}", currency, settlement, day, merchant,
					currency);
		}
		return mid.map(rate -> FxQuote.of(rate, this.properties.marginBps()));
	}

	/** The terms the payment was converted on when it was captured, if it was. */
	public Optional<FxQuote> originalQuote(String payment) {
		return this.jdbc.sql("""
				select presentment_currency, settlement_currency, mid_rate, exchange_rate, rate_date
				  from fx_conversion where payment = ? and kind = 'capture'""")
			.param(payment)
			.query((rs, row) -> new FxQuote(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
					rs.getObject(5, LocalDate.class)))
			.optional();
	}

	/**
	 * The legs that carry a conversion, given the side the merchant's balance moves on
	 * ({@code CREDIT} for money coming in): the payment's currency into
	 * {@code fx_clearing}, and out of {@code fx_clearing} in the settlement currency its
	 * value less margin and residue. The caller adds the legs of the payment's currency's
	 * counterparty ({@code amount}) and of the merchant and fees ({@code settled}), all
	 * in the payment's mode.
	 */
	public List<Leg> legs(FxQuote quote, FxQuote.Conversion conversion, Direction merchantSide, boolean livemode) {
		List<Leg> legs = new ArrayList<>(4);
		add(legs, this.accounts.open(FX_CLEARING, quote.from(), livemode), merchantSide, conversion.amount());
		add(legs, this.accounts.open(FX_CLEARING, quote.to(), livemode), merchantSide.opposite(), conversion.value());
		add(legs, this.accounts.open(FX_MARGIN, quote.to(), livemode), merchantSide, conversion.margin());
		add(legs, this.accounts.open(FX_ROUNDING, quote.to(), livemode), merchantSide, conversion.residue());
		return legs;
	}

	/**
	 * Keeps the conversion with the transaction that booked it (nothing when the cause
	 * was posted before).
	 */
	public void record(PostingOutcome outcome, String merchant, boolean livemode, String payment, FxQuote quote,
			FxQuote.Conversion conversion) {
		if (!(outcome instanceof PostingOutcome.Posted posted)) {
			return;
		}
		this.jdbc.sql("""
				insert into fx_conversion (transaction_id, transaction_seq, kind, merchant, payment, source,
				    presentment_amount, presentment_currency, settlement_amount, settlement_currency, mid_rate,
				    exchange_rate, margin, residue, rate_date, livemode)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(posted.transaction().id(), posted.transaction().seq(), posted.transaction().posting().kind(),
					merchant, payment, posted.transaction().posting().reference(), Math.abs(conversion.amount()),
					quote.from(), Math.abs(conversion.settled()), quote.to(), quote.midRate(), quote.rate(),
					conversion.margin(), conversion.residue(), quote.rateDate(), livemode)
			.update();
	}

	/** A signed amount on the given side: a negative one goes on the other side. */
	private static void add(List<Leg> legs, Account account, Direction side, long signed) {
		if (signed > 0) {
			legs.add(Leg.posted(account, side, signed));
		}
		else if (signed < 0) {
			legs.add(Leg.posted(account, side.opposite(), -signed));
		}
	}

	/** The rate as the API shows it: no trailing zeros, never in exponent form. */
	public static BigDecimal shown(BigDecimal rate) {
		BigDecimal stripped = rate.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

}
