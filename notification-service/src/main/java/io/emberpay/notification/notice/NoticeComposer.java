package io.emberpay.notification.notice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.emberpay.events.EventCodec;
import io.emberpay.events.auth.AuthEvent;
import io.emberpay.notification.config.NoticeProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Turns platform events into the notices users asked for: a receipt for a succeeded
 * payment or refund, an alert for a fraud alert or a large payment. Runs in the Kafka
 * consumer's transaction, so a notice exists exactly when its event was processed.
 */
@Component
public class NoticeComposer {

	private static final List<String> CHANNELS = List.of("email", "push");

	/** The second-factor changes a user is told of, with the e-mail's subject. */
	private static final Map<String, String> FACTOR_CHANGES = Map.of("totp_activated",
			"Two-step verification was turned on for your account", "totp_disabled",
			"Two-step verification was turned off for your account", "recovery_codes_regenerated",
			"New recovery codes were made for your account");

	private final NoticeOutbox outbox;

	private final PreferenceStore preferences;

	private final NoticeProperties properties;

	NoticeComposer(NoticeOutbox outbox, PreferenceStore preferences, NoticeProperties properties) {
		this.outbox = outbox;
		this.preferences = preferences;
		this.properties = properties;
	}

	/** {@code data} is the CloudEvent's data, snake_case as the producer wrote it. */
	public void onEvent(String eventId, String type, JsonNode data, Instant now) {
		switch (type) {
			case "payment.succeeded" -> paymentSucceeded(eventId, data.path("payment"), now);
			case "refund.succeeded" -> refundSucceeded(eventId, data.path("refund"), data.path("payment"), now);
			case "fraud.alert" -> fraudAlert(eventId, data, now);
			case "invoice.payment_failed" -> invoicePaymentFailed(eventId, data.path("invoice"), now);
			default -> {
				// other events carry nothing a user needs to be told
			}
		}
	}

	/**
	 * Tells the user by e-mail of every change to how their account is protected (second
	 * factor, password, a new device), so a session thief's change does not go unnoticed,
	 * and mails the password reset and e-mail verification links they asked for. Always
	 * sent: the preferences cover receipts and alerts, not these.
	 */
	public void onAccountChange(String eventId, AuthEvent event, Instant now) {
		switch (event) {
			case AuthEvent.MfaChanged changed when FACTOR_CHANGES.containsKey(changed.change()) -> accountNotice(
					changed.subject(), "security_mfa_changed", eventId, FACTOR_CHANGES.get(changed.change()), now);
			case AuthEvent.PasswordChanged changed -> accountNotice(changed.subject(), "security_password_changed",
					eventId, "Your password was changed", now);
			case AuthEvent.DeviceAdded added -> accountNotice(added.subject(), "security_device_added", eventId,
					"A new device signed in to your account", now);
			// the body names the link only: EmailChannel mints its token as it sends
			case AuthEvent.PasswordResetRequested requested ->
				this.outbox.enqueue(requested.subject(), "email", AccountLinkMail.PASSWORD_RESET, eventId,
						"Reset your Emberpay password", AccountLinkMail.BODY_PREFIX + requested.request(), now);
			// the notice's recipient is the invitation: the invited address may have no
			// user yet
			case AuthEvent.MemberInvited invited -> this.outbox.enqueue(invited.invitation(), "email",
					InvitationMail.KIND, eventId, "You are invited to a team on Emberpay",
					InvitationMail.BODY_PREFIX + invited.invitation(), now);
			case AuthEvent.EmailVerificationRequested requested ->
				this.outbox.enqueue(requested.subject(), "email", AccountLinkMail.EMAIL_VERIFICATION, eventId,
						"Confirm your e-mail address", AccountLinkMail.BODY_PREFIX + requested.request(), now);
			default -> {
				// nothing about the account's protection changed
			}
		}
	}

	private void accountNotice(String user, String kind, String eventId, String subject, Instant now) {
		this.outbox.enqueue(user, "email", kind, eventId, subject, """
				%s.
				If this was you, there is nothing to do. If not, change your password and contact support right away.
				""".formatted(subject), now);
	}

	private void paymentSucceeded(String eventId, JsonNode payment, Instant now) {
		String user = text(payment, "user");
		if (user == null) {
			return;
		}
		String amount = amount(payment);
		send(user, "receipt", "payment_receipt", eventId, "Your receipt for " + amount, """
				Payment %s of %s succeeded.
				Card: %s ending in %s
				Description: %s
				""".formatted(text(payment, "id"), amount, text(payment.path("card"), "brand"),
				text(payment.path("card"), "last4"), orDash(text(payment, "description"))), now);
		Long threshold = this.properties.largePaymentMinor().get(text(payment, "currency"));
		if (threshold != null && payment.path("amount").asLong() >= threshold) {
			send(user, "alert", "large_payment", eventId, "A large payment of " + amount + " was made", """
					A payment of %s (%s) was just made with your card ending in %s.
					If this was not you, contact support right away.
					""".formatted(amount, text(payment, "id"), text(payment.path("card"), "last4")), now);
		}
	}

	private void refundSucceeded(String eventId, JsonNode refund, JsonNode payment, Instant now) {
		String user = text(payment, "user");
		if (user == null) {
			return;
		}
		String amount = amount(refund);
		send(user, "receipt", "refund_receipt", eventId, "Your refund of " + amount, """
				Refund %s of %s for payment %s succeeded.
				It can take a few days to show on your statement.
				""".formatted(text(refund, "id"), amount, text(refund, "payment")), now);
	}

	/**
	 * A renewal that could not be charged: the user is asked back, and told what to do
	 * when the bank wants them to authenticate the charge themselves.
	 */
	private void invoicePaymentFailed(String eventId, JsonNode invoice, Instant now) {
		String user = text(invoice, "customer");
		if (user == null) {
			return;
		}
		String amount = amount(EventCodec.json()
			.createObjectNode()
			.put("amount", invoice.path("amount_due").asLong())
			.put("currency", text(invoice, "currency")));
		String action = "authentication_required".equals(text(invoice, "failure_code"))
				? "Your bank asks you to confirm this payment yourself: open the app to pay the invoice."
				: "We will try again in a few days; you can also update your payment method in the app.";
		send(user, "alert", "subscription_payment_failed", eventId,
				"Your subscription payment of " + amount + " failed", """
						The payment of %s for your subscription (invoice %s) did not go through.
						%s
						""".formatted(amount, text(invoice, "id"), action), now);
	}

	private void fraudAlert(String eventId, JsonNode alert, Instant now) {
		String user = text(alert, "user");
		if (user == null) {
			return;
		}
		String amount = amount(alert);
		send(user, "alert", "fraud_alert", eventId, "Please check a payment of " + amount, """
				We held back or flagged payment %s of %s because it looked unusual.
				If this was you, there is nothing to do. If not, contact support right away.
				""".formatted(text(alert, "payment"), amount), now);
	}

	private void send(String user, String category, String kind, String eventId, String subject, String body,
			Instant now) {
		NotificationPreferences wanted = this.preferences.find(user);
		for (String channel : CHANNELS) {
			if (wanted.wants(category, channel)) {
				this.outbox.enqueue(user, channel, kind, eventId, subject, body, now);
			}
		}
	}

	/** "19.99 USD" from minor units, by the currency's ISO 4217 decimals. */
	static String amount(JsonNode money) {
		String code = text(money, "currency");
		long minor = money.path("amount").asLong();
		int digits = 2;
		try {
			digits = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
		}
		catch (RuntimeException unknownCurrency) {
			// an unknown code still gets a readable amount; the producer validated it
		}
		return BigDecimal.valueOf(minor, digits).toPlainString() + " " + code;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static String orDash(String value) {
		return (value == null || value.isBlank()) ? "-" : value;
	}

}
