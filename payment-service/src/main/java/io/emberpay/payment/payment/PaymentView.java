package io.emberpay.payment.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.payment.fraud.FraudVerdict;

/** A payment as the public API shows it (snake_case JSON, nulls omitted). */
public record PaymentView(String id, String object, long amount, String currency, String status, String captureMethod,
		long amountCapturable, long amountReceived, long amountRefunded, String merchant, String user,
		String paymentMethod, String paymentMethodType, Card card, String failureCode, String description,
		Map<String, String> metadata, Risk risk, NextAction nextAction, boolean livemode, Instant created,
		String acquirer, String routingReason) {

	public static PaymentView of(Payment payment) {
		Payment.PaymentFacts f = payment.facts();
		FraudVerdict fraud = f.fraud();
		return new PaymentView(payment.id(), "payment", f.amount().amountMinor(), f.amount().currencyCode(),
				payment.status().apiName(), f.captureMethod().apiName(), payment.amountCapturable(),
				payment.amountReceived(), payment.amountRefunded(), f.merchantId(), f.userId(), f.card().id(),
				f.card().type(),
				new Card(f.card().brand(), f.card().last4(), positive(f.card().expMonth()),
						positive(f.card().expYear()), f.card().fingerprint()),
				payment.failureCode(), f.description(), f.metadata(),
				new Risk(fraud.score(), fraud.decision().apiName(), fraud.reasons()), nextAction(payment), f.livemode(),
				f.created(), payment.acquirer(), payment.routingReason());
	}

	/**
	 * A step-up (mfa_challenge) before the acquirer, or 3-D Secure (redirect_to_url) the
	 * acquirer asked for.
	 */
	private static NextAction nextAction(Payment payment) {
		if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
			return null;
		}
		if (payment.nextActionUrl() != null) {
			return new NextAction("redirect_to_url",
					new RedirectToUrl(payment.nextActionUrl(), payment.facts().returnUrl()));
		}
		return new NextAction("mfa_challenge", null);
	}

	/**
	 * The method's display data: a card's or a wallet's card; for a bank debit brand is
	 * the debit type and last4 the account's.
	 */
	public record Card(String brand, String last4, Integer expMonth, Integer expYear, String fingerprint) {
	}

	/** Wallets and bank debits have no expiry to show. */
	private static Integer positive(int value) {
		return (value > 0) ? value : null;
	}

	/**
	 * The payment's risk assessment; {@code fraud} before API version 2026-12-07, which
	 * the gateway still answers to clients pinned to an older version.
	 */
	public record Risk(int score, String decision, List<String> reasons) {
	}

	public record NextAction(String type, RedirectToUrl redirectToUrl) {
	}

	/**
	 * Where to send the customer for 3-D Secure, and where the acquirer sends them back.
	 */
	public record RedirectToUrl(String url, String returnUrl) {
	}

}
