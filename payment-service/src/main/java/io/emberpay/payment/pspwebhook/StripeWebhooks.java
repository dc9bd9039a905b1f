package io.emberpay.payment.pspwebhook;

import io.emberpay.payment.dispute.DisputeDesk;
import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.PaymentStatus;
import io.emberpay.payment.payment.authorization.AcquirerOutcomes;
import io.emberpay.payment.payment.refund.AcquirerRefundFailures;
import io.emberpay.payment.psp.AuthorizationOutcome;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.stripe.StripeConnector;
import io.emberpay.payment.psp.stripe.StripeEvent;
import io.emberpay.payment.psp.stripe.StripeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives payments from Stripe's verified events: an authorization whose answer was lost
 * lands from {@code payment_intent.*}, a capture or cancel made at Stripe (or an expired
 * hold) follows, and a refund Stripe fails later is released. Each event is stored and
 * applied in one transaction, so a redelivery finds it stored and changes nothing.
 */
@Component
class StripeWebhooks {

	private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

	private final PspWebhookEvents events;

	private final PaymentRepository payments;

	private final AcquirerRefundFailures refundFailures;

	private final StripeProperties properties;

	private final TransactionTemplate transactions;

	private final DisputeDesk disputes;

	StripeWebhooks(PspWebhookEvents events, PaymentRepository payments, AcquirerRefundFailures refundFailures,
			StripeProperties properties, TransactionTemplate transactions, DisputeDesk disputes) {
		this.events = events;
		this.payments = payments;
		this.refundFailures = refundFailures;
		this.properties = properties;
		this.transactions = transactions;
		this.disputes = disputes;
	}

	Receipt receive(StripeEvent event, StripeProperties.WebhookSigner signer, String payload) {
		return this.transactions.execute(status -> {
			if (!this.events.insertIfNew(StripeConnector.NAME, event.id(), event.type(), event.livemode(), payload)) {
				return new Receipt(event.id(), true, this.events.outcome(StripeConnector.NAME, event.id()));
			}
			String outcome = apply(event, signer);
			this.events.recordOutcome(StripeConnector.NAME, event.id(), outcome);
			log.info("Stripe event {} {}: {}", event.id(), event.type(), outcome);
			return new Receipt(event.id(), false, outcome);
		});
	}

	private String apply(StripeEvent event, StripeProperties.WebhookSigner signer) {
		if (event.livemode() != signer.livemode()) {
			return "mode_mismatch";
		}
		var intent = event.paymentIntent();
		if (intent.isPresent()) {
			return applyIntent(intent.get(), event, signer);
		}
		var dispute = event.dispute();
		if (dispute.isPresent()) {
			return applyDispute(dispute.get(), event, signer);
		}
		var refund = event.refund();
		if (refund.isPresent() && "failed".equals(refund.get().status()) && refund.get().refundId() != null) {
			return this.refundFailures.failed(refund.get().refundId(), StripeConnector.NAME);
		}
		return "ignored";
	}

	private String applyIntent(StripeEvent.IntentState intent, StripeEvent event,
			StripeProperties.WebhookSigner signer) {
		Payment payment = (intent.paymentId() == null) ? null : this.payments.lock(intent.paymentId()).orElse(null);
		if (payment == null) {
			return "unknown_payment";
		}
		PspAuthorization authorization = intent.authorization();
		// Only the Stripe account that serves this merchant, in the payment's mode, may
		// speak about it; and once the payment names its PaymentIntent, only about that
		// one.
		boolean ours = payment.facts().livemode() == event.livemode()
				&& this.properties.accountNameFor(payment.facts().merchantId()).equals(signer.account())
				&& (payment.psp() == null || StripeConnector.NAME.equals(payment.psp()))
				&& (payment.pspReference() == null || payment.pspReference().equals(authorization.id()));
		if (!ours) {
			log.warn("Stripe event {} names payment {} of another account or acquirer; ignored", event.id(),
					payment.id());
			return "not_this_account";
		}
		PaymentStatus before = payment.status();
		switch (before) {
			case PROCESSING -> {
				AuthorizationOutcome outcome = switch (authorization.status()) {
					case AUTHORIZED, CAPTURED -> new AuthorizationOutcome.Approved(StripeConnector.NAME, authorization);
					case DECLINED -> new AuthorizationOutcome.Declined(StripeConnector.NAME, authorization);
					default -> null;
				};
				if (outcome == null) {
					return "no_change";
				}
				return "payment_" + AcquirerOutcomes.apply(this.payments, payment.id(), outcome).status().apiName();
			}
			case REQUIRES_ACTION -> {
				// the 3-D Secure challenge's result: payment_intent.succeeded,
				// amount_capturable_updated or payment_failed
				return AcquirerOutcomes.applyLater(this.payments, payment.id(), StripeConnector.NAME, authorization)
					.map(after -> "payment_" + after)
					.orElse("no_change");
			}
			case REQUIRES_CAPTURE -> {
				if (authorization.status() == PspAuthorization.Status.CAPTURED && intent.amountReceived() > 0
						&& intent.amountReceived() <= payment.amountCapturable()) {
					payment.captured(intent.amountReceived());
					this.payments.update(payment);
					return "payment_captured";
				}
				if (authorization.status() == PspAuthorization.Status.VOIDED) {
					payment.cancel();
					this.payments.update(payment);
					return "payment_canceled";
				}
				return "no_change";
			}
			default -> {
				return "no_change";
			}
		}
	}

	/**
	 * {@code charge.dispute.created} opens a dispute of the payment behind the
	 * PaymentIntent, {@code charge.dispute.closed} records Stripe's decision; only the
	 * Stripe account serving the payment's merchant, in its mode, may do either.
	 */
	private String applyDispute(StripeEvent.DisputeState dispute, StripeEvent event,
			StripeProperties.WebhookSigner signer) {
		Payment payment = this.payments.findByAcquirer(StripeConnector.NAME, dispute.paymentIntent()).orElse(null);
		if (payment == null) {
			return "unknown_payment";
		}
		if (payment.facts().livemode() != event.livemode()
				|| !this.properties.accountNameFor(payment.facts().merchantId()).equals(signer.account())) {
			log.warn("Stripe event {} disputes payment {} of another account; ignored", event.id(), payment.id());
			return "not_this_account";
		}
		return switch (event.type()) {
			case "charge.dispute.created" -> this.disputes.opened(StripeConnector.NAME, dispute.disputeId(),
					dispute.paymentIntent(), dispute.amount(), dispute.reason(), dispute.evidenceDueBy());
			case "charge.dispute.closed" -> switch (dispute.status()) {
				case "won" -> this.disputes.decided(StripeConnector.NAME, dispute.disputeId(), true);
				case "lost" -> this.disputes.decided(StripeConnector.NAME, dispute.disputeId(), false);
				default -> "no_change";
			};
			default -> "no_change";
		};
	}

	/** What became of a delivered event. */
	record Receipt(String id, boolean duplicate, String outcome) {
	}

}
