package io.emberpay.fraud.scoring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.emberpay.fraud.risk.PaymentAttempt;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /internal/v1/scores} (docs/contracts.md). {@code livemode} is the
 * payment's mode, optional: absent means test, so an alert never reaches a live endpoint
 * on a mode nobody stated.
 */
public record ScoreRequest(@NotNull @Pattern(regexp = "pay_[0-9a-z]{1,60}") String payment,
		@NotNull @Pattern(regexp = "usr_[0-9a-z_]{1,60}") String user,
		@NotNull @Pattern(regexp = "mer_[0-9a-z_]{1,60}") String merchant, @NotNull @Max(MAX_AMOUNT) Long amount,
		@NotNull String currency, @Pattern(regexp = "[A-Za-z0-9_+/=.:-]{8,128}") String cardFingerprint,
		@Pattern(regexp = "[0-9]{6,8}") String cardBin, @Pattern(regexp = "[A-Z]{2}") String cardCountry,
		@Pattern(regexp = "[^\\p{Cntrl}]{1,128}") String deviceId,
		@Pattern(regexp = "[^\\p{Cntrl}]{1,128}") String deviceFingerprint,
		@Pattern(regexp = "[0-9a-fA-F.:]{2,45}") String ip, @Email @Size(max = 254) String email,
		@Size(max = 40) String occurredAt, Boolean offSession, Boolean livemode) {

	/**
	 * Far above any real card payment in any currency's minor unit, low enough that sums
	 * over a day of attempts stay exact in a {@code long}.
	 */
	static final long MAX_AMOUNT = 1_000_000_000_000L;

	/** Clocks of two services drift; a time further ahead than this is a bad request. */
	private static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

	/** Checks what annotations cannot express and builds the attempt to score. */
	public PaymentAttempt toAttempt(Clock clock) {
		Money money = Money.of(this.amount, this.currency);
		Instant now = clock.instant();
		Instant at = (this.occurredAt != null) ? instant(this.occurredAt) : now;
		if (at.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
			throw ApiException.invalid("occurred_at", "occurred_at lies in the future");
		}
		return new PaymentAttempt(this.payment, this.user, this.merchant, money.amountMinor(), money.currencyCode(),
				this.cardFingerprint, this.cardBin, this.cardCountry, this.deviceId, this.deviceFingerprint,
				normalizedIp(this.ip), emailDomain(this.email), at, Boolean.TRUE.equals(this.offSession),
				Boolean.TRUE.equals(this.livemode));
	}

	/**
	 * The canonical text of an IP literal. Only literals reach the resolver (the pattern
	 * admits hex digits, dots and colons only), so this never performs a DNS lookup.
	 */
	private static String normalizedIp(String ip) {
		if (ip == null) {
			return null;
		}
		if (ip.indexOf(':') < 0 && !ip.matches(
				"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
			throw ApiException.invalid("ip", "ip must be an IPv4 or IPv6 address");
		}
		try {
			return InetAddress.getByName(ip).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw ApiException.invalid("ip", "ip must be an IPv4 or IPv6 address");
		}
	}

	private static Instant instant(String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid("occurred_at",
					"occurred_at must be an RFC 3339 UTC time such as 2026-11-22T01:02:03Z");
		}
	}

	private static String emailDomain(String email) {
		if (email == null) {
			return null;
		}
		int at = email.lastIndexOf('@');
		return email.substring(at + 1).toLowerCase(Locale.ROOT);
	}

}
