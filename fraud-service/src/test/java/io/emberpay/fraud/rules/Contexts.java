package io.emberpay.fraud.rules;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.emberpay.fraud.features.AmountStats;
import io.emberpay.fraud.features.Dimension;
import io.emberpay.fraud.features.PreviousLocation;
import io.emberpay.fraud.features.RiskFeatures;
import io.emberpay.fraud.features.StreakScope;
import io.emberpay.fraud.features.VelocityWindows;
import io.emberpay.fraud.geo.IpLocation;
import io.emberpay.fraud.risk.PaymentAttempt;
import io.emberpay.fraud.scoring.RiskContext;

/**
 * Builds rule inputs for unit tests: an ordinary attempt with no history, then changes.
 */
public final class Contexts {

	public static final Instant NOW = Instant.parse("2026-11-22T01:02:03Z");

	private PaymentAttempt attempt = new PaymentAttempt("pay_1", "usr_1", "mer_1", 1999, "USD", "fp_card_0001",
			"424242", "US", "dev-1", null, "100.69.0.1", "example.com", NOW, false, false);

	private final Map<Dimension, VelocityWindows> velocity = new EnumMap<>(Dimension.class);

	private final Map<StreakScope, Integer> streaks = new EnumMap<>(StreakScope.class);

	private long cardsOnDevice = 1;

	private long usersOnCard = 1;

	private AmountStats userAmounts = AmountStats.EMPTY;

	private AmountStats merchantAmounts = AmountStats.EMPTY;

	private boolean deviceKnown;

	private boolean userHasDevices;

	private IpLocation ipLocation = new IpLocation("US", 41.88, -87.63);

	private PreviousLocation previousLocation;

	public static Contexts normal() {
		return new Contexts();
	}

	public Contexts attempt(PaymentAttempt attempt) {
		this.attempt = attempt;
		return this;
	}

	public Contexts amount(long amount) {
		PaymentAttempt a = this.attempt;
		this.attempt = new PaymentAttempt(a.payment(), a.user(), a.merchant(), amount, a.currency(),
				a.cardFingerprint(), a.cardBin(), a.cardCountry(), a.deviceId(), a.deviceFingerprint(), a.ip(),
				a.emailDomain(), a.occurredAt(), a.offSession(), a.livemode());
		return this;
	}

	/** The attempt as a merchant's off-session charge: no device, no IP. */
	public Contexts offSession() {
		PaymentAttempt a = this.attempt;
		this.attempt = new PaymentAttempt(a.payment(), a.user(), a.merchant(), a.amount(), a.currency(),
				a.cardFingerprint(), a.cardBin(), a.cardCountry(), null, null, null, a.emailDomain(), a.occurredAt(),
				true, a.livemode());
		return this;
	}

	public Contexts velocity(Dimension dimension, VelocityWindows windows) {
		this.velocity.put(dimension, windows);
		return this;
	}

	public Contexts failures(StreakScope scope, int failures) {
		this.streaks.put(scope, failures);
		return this;
	}

	public Contexts cardsOnDevice(long cards) {
		this.cardsOnDevice = cards;
		return this;
	}

	public Contexts usersOnCard(long users) {
		this.usersOnCard = users;
		return this;
	}

	public Contexts userAmounts(AmountStats stats) {
		this.userAmounts = stats;
		return this;
	}

	public Contexts merchantAmounts(AmountStats stats) {
		this.merchantAmounts = stats;
		return this;
	}

	public Contexts devices(boolean deviceKnown, boolean userHasDevices) {
		this.deviceKnown = deviceKnown;
		this.userHasDevices = userHasDevices;
		return this;
	}

	public Contexts ipLocation(IpLocation location) {
		this.ipLocation = location;
		return this;
	}

	public Contexts previousLocation(PreviousLocation location) {
		this.previousLocation = location;
		return this;
	}

	public RiskContext build() {
		return new RiskContext(this.attempt,
				new RiskFeatures(this.velocity, this.cardsOnDevice, this.usersOnCard, this.streaks, this.userAmounts,
						this.merchantAmounts, this.deviceKnown, this.userHasDevices, this.ipLocation,
						this.previousLocation));
	}

	/** Statistics of the given amounts, built with the production recurrence. */
	public static AmountStats history(long... amounts) {
		AmountStats stats = AmountStats.EMPTY;
		for (long amount : amounts) {
			stats = stats.add(amount);
		}
		return stats;
	}

}
