package io.emberpay.payment.pspwebhook;

import io.emberpay.payment.psp.WebhookRefused;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.payment.payment.CaptureMethod;
import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.PaymentStatus;
import io.emberpay.payment.payment.authorization.AcquirerOutcomes;
import io.emberpay.payment.payment.refund.AcquirerRefundFailures;
import io.emberpay.payment.psp.AuthorizationOutcome;
import io.emberpay.payment.psp.PspAccount;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.psp.adyen.AdyenConnector;
import io.emberpay.payment.psp.adyen.AdyenProperties;
import io.emberpay.payment.psp.adyen.AdyenSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adyen's standard notifications: every item must carry an HMAC made with one of our keys
 * before any is stored; each is stored raw once, keyed by Adyen's own identity of a
 * notification (event code, PSP reference, success), and applied in the same transaction,
 * so a redelivery changes nothing. An AUTHORISATION settles a payment whose answer was
 * lost, believed only about a payment routed to Adyen, in the notification's mode, under
 * the merchant account that serves the payment's merchant. A failed REFUND (or
 * REFUND_FAILED) fails the refund it names under the same rule: pending, it is released;
 * already reported succeeded, it is left loudly for an operator.
 */
@Component
class AdyenNotifications {

	static final String ACQUIRER = AdyenConnector.NAME;

	private static final String HOLD_AFTER_CANCEL = "payment_" + AcquirerOutcomes.HOLD_AFTER_CANCEL;

	private static final Logger log = LoggerFactory.getLogger(AdyenNotifications.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PspWebhookEvents events;

	private final AdyenProperties properties;

	private final TransactionTemplate transactions;

	private final PaymentRepository payments;

	private final AcquirerRefundFailures refundFailures;

	private final PspRouter router;

	AdyenNotifications(PspWebhookEvents events, AdyenProperties properties, TransactionTemplate transactions,
			PaymentRepository payments, AcquirerRefundFailures refundFailures, PspRouter router) {
		this.events = events;
		this.properties = properties;
		this.transactions = transactions;
		this.payments = payments;
		this.refundFailures = refundFailures;
		this.router = router;
	}

	boolean enabled() {
		return this.properties.enabled();
	}

	/** Verifies every item, then stores the new ones; answers how many were new. */
	int receive(String body) {
		JsonNode notification;
		try {
			notification = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw refused(WebhookRefused.Reason.MALFORMED, "body is not JSON");
		}
		JsonNode items = notification.path("notificationItems");
		if (!items.isArray() || items.isEmpty()) {
			throw refused(WebhookRefused.Reason.MALFORMED, "no notificationItems");
		}
		boolean live = "true".equals(notification.path("live").asString(""));
		List<JsonNode> verified = new ArrayList<>();
		for (JsonNode wrapper : items) {
			JsonNode item = wrapper.path("NotificationRequestItem");
			if (!item.isObject() || item.path("pspReference").asString("").isEmpty()
					|| item.path("eventCode").asString("").isEmpty()) {
				throw refused(WebhookRefused.Reason.MALFORMED, "an item is not a NotificationRequestItem");
			}
			if (item.path("additionalData").path("hmacSignature").asString("").isEmpty()) {
				throw refused(WebhookRefused.Reason.UNSIGNED, "an item has no hmacSignature");
			}
			if (this.properties.hmacKeysFor(item.path("merchantAccountCode").asString(""), live)
				.stream()
				.noneMatch(key -> AdyenSignature.verify(item, key))) {
				throw refused(WebhookRefused.Reason.FORGED, "an item's hmacSignature does not verify");
			}
			verified.add(item);
		}
		List<JsonNode> holdsAfterCancel = new ArrayList<>();
		Integer stored = this.transactions.execute(status -> {
			int count = 0;
			for (JsonNode item : verified) {
				String id = item.path("eventCode").asString() + ":" + item.path("pspReference").asString() + ":"
						+ item.path("success").asString("");
				if (this.events.insertIfNew(ACQUIRER, id, item.path("eventCode").asString(), live, item.toString())) {
					String outcome = apply(item, live);
					if (HOLD_AFTER_CANCEL.equals(outcome)) {
						holdsAfterCancel.add(item);
					}
					this.events.recordOutcome(ACQUIRER, id, outcome);
					log.info("Adyen notification {}: {}", id, outcome);
					count++;
				}
			}
			return count;
		});
		holdsAfterCancel.forEach(this::releaseHold);
		return (stored == null) ? 0 : stored;
	}

	/**
	 * Cancels at Adyen a payment authorised after ours was canceled while its shopper was
	 * at 3-D Secure, after the notification is stored; the key is the cancel's own. A
	 * failure is logged for an operator.
	 */
	private void releaseHold(JsonNode item) {
		Payment payment = this.payments.find(item.path("merchantReference").asString()).orElseThrow();
		String pspReference = item.path("pspReference").asString();
		try {
			this.router.channel(ACQUIRER)
				.call(c -> c.voidAuthorization(payment.pspAccount(), pspReference, payment.id() + ".void"));
			log.info("Released Adyen's authorisation {} of canceled payment {}", pspReference, payment.id());
		}
		catch (RuntimeException ex) {
			log.warn("Could not release Adyen's authorisation {} of canceled payment {}: {}", pspReference,
					payment.id(), ex.getMessage());
		}
	}

	private String apply(JsonNode item, boolean live) {
		String eventCode = item.path("eventCode").asString();
		String merchantAccount = item.path("merchantAccountCode").asString("");
		if ("REFUND_FAILED".equals(eventCode)
				|| ("REFUND".equals(eventCode) && !"true".equals(item.path("success").asString()))) {
			// Our refund id is the refund's reference at Adyen.
			return this.refundFailures.failed(item.path("merchantReference").asString(""), ACQUIRER,
					merchant -> this.properties.credentialsFor(new PspAccount(merchant, live))
						.map(credentials -> credentials.merchantAccount().equals(merchantAccount))
						.orElse(false));
		}
		if (!"AUTHORISATION".equals(eventCode)) {
			return "stored";
		}
		Payment payment = this.payments.lock(item.path("merchantReference").asString("")).orElse(null);
		if (payment == null) {
			return "unknown_payment";
		}
		String pspReference = item.path("pspReference").asString();
		boolean ours = payment.facts().livemode() == live
				&& this.properties.credentialsFor(payment.pspAccount())
					.map(credentials -> credentials.merchantAccount().equals(merchantAccount))
					.orElse(false)
				&& AdyenConnector.NAME.equals(payment.acquirer())
				&& (payment.pspReference() == null || payment.pspReference().equals(pspReference));
		if (!ours) {
			log.warn("Adyen notification about {} from another account, mode or acquirer; ignored", payment.id());
			return "not_this_account";
		}
		long amount = item.path("amount").path("value").asLong(-1);
		String currency = item.path("amount").path("currency").asString("");
		if (amount != payment.facts().amount().amountMinor()
				|| !currency.equals(payment.facts().amount().currencyCode())) {
			log.warn("Adyen notification about {} names another amount; ignored", payment.id());
			return "amount_mismatch";
		}
		boolean success = "true".equals(item.path("success").asString());
		boolean automatic = payment.facts().captureMethod() == CaptureMethod.AUTOMATIC;
		if (payment.awaitsAuthentication()) {
			// the 3-D Secure challenge's result; a refusal naming 3-D Secure is the
			// shopper not passing it
			PspAuthorization result = success
					? new PspAuthorization(pspReference,
							automatic ? PspAuthorization.Status.CAPTURED : PspAuthorization.Status.AUTHORIZED, null,
							amount, currency)
					: new PspAuthorization(pspReference, PspAuthorization.Status.DECLINED,
							item.path("reason").asString("").contains("3D") ? "authentication_failed" : "card_declined",
							amount, currency);
			return AcquirerOutcomes.applyLater(this.payments, payment.id(), ACQUIRER, result)
				.map(after -> "payment_" + after)
				.orElse("no_change");
		}
		if (payment.status() == PaymentStatus.CANCELED && success && payment.pspReference() == null) {
			// canceled while the shopper was at 3-D Secure (Adyen had named no payment
			// yet), who then passed it: Adyen now holds funds nobody will capture
			return HOLD_AFTER_CANCEL;
		}
		if (payment.status() != PaymentStatus.PROCESSING) {
			return "no_change";
		}
		AuthorizationOutcome outcome = success
				? new AuthorizationOutcome.Approved(ACQUIRER,
						new PspAuthorization(pspReference,
								automatic ? PspAuthorization.Status.CAPTURED : PspAuthorization.Status.AUTHORIZED, null,
								amount, currency))
				: new AuthorizationOutcome.Declined(ACQUIRER, new PspAuthorization(pspReference,
						PspAuthorization.Status.DECLINED, "card_declined", amount, currency));
		return "payment_" + AcquirerOutcomes.apply(this.payments, payment.id(), outcome).status().apiName();
	}

	private static WebhookRefused refused(WebhookRefused.Reason reason, String message) {
		return new WebhookRefused(reason, message);
	}

}
