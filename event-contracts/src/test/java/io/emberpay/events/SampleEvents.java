package io.emberpay.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.emberpay.events.auth.AuthEvent;
import io.emberpay.events.dispute.DisputeClosed;
import io.emberpay.events.dispute.DisputeCreated;
import io.emberpay.events.dispute.DisputeEvent;
import io.emberpay.events.dispute.DisputeSnapshot;
import io.emberpay.events.dispute.DisputeUpdated;
import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.events.ledger.LedgerEvent;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCanceled;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentEvent;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentRequiresAction;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.events.payment.RefundSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.events.payout.PayoutCreated;
import io.emberpay.events.payout.PayoutEvent;
import io.emberpay.events.payout.PayoutFailed;
import io.emberpay.events.payout.PayoutPaid;
import io.emberpay.events.payout.PayoutSnapshot;
import io.emberpay.events.subscription.EntitlementEvent;
import io.emberpay.events.subscription.EntitlementSnapshot;
import io.emberpay.events.subscription.InvoiceEvent;
import io.emberpay.events.subscription.InvoiceSnapshot;
import io.emberpay.events.subscription.SubscriptionEvent;
import io.emberpay.events.subscription.SubscriptionSnapshot;

/**
 * One representative instance of every event type, each field set (no nulls) so the
 * golden files show every field with its JSON type. Values are fixed: a golden file
 * changes only when an event does.
 */
final class SampleEvents {

	static final Instant OCCURRED_AT = Instant.parse("2026-03-14T09:26:53.589793Z");

	static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private static final String EVENT_ID = "evt_0000000000000000000001";

	private static final String USER = "usr_0000000000000000000001";

	private static final String MERCHANT = "mer_0000000000000000000001";

	private static final String PAYMENT_ID = "pay_0000000000000000000001";

	private static final String ORIGIN = "203.0.113.7";

	private SampleEvents() {
	}

	static Stream<PlatformEvent> all() {
		return Stream.of(auth(), payment(), payout(), dispute(), fraud(), ledger(), subscription())
			.flatMap((events) -> events);
	}

	/** Every event type the codec knows, from the sealed families. */
	static Stream<Class<?>> types() {
		return Stream
			.of(PaymentEvent.class, PayoutEvent.class, DisputeEvent.class, AuthEvent.class, FraudEvent.class,
					LedgerEvent.class, SubscriptionEvent.class, InvoiceEvent.class, EntitlementEvent.class)
			.flatMap((family) -> Stream.of(family.getPermittedSubclasses()));
	}

	private static Stream<PlatformEvent> auth() {
		return Stream.of(new AuthEvent.UserSignedUp(EVENT_ID, OCCURRED_AT, USER, ORIGIN),
				new AuthEvent.PasswordResetRequested(EVENT_ID, OCCURRED_AT, USER, "alk_0000000000000000000001", ORIGIN),
				new AuthEvent.EmailVerificationRequested(EVENT_ID, OCCURRED_AT, USER, "alk_0000000000000000000001",
						ORIGIN),
				new AuthEvent.EmailVerified(EVENT_ID, OCCURRED_AT, USER, ORIGIN),
				new AuthEvent.UserErasureRequested(EVENT_ID, OCCURRED_AT, USER),
				new AuthEvent.LoginSucceeded(EVENT_ID, OCCURRED_AT, USER, "dev_0000000000000000000001",
						"sha256:9f86d081884c7d659a2feaa0c55ad015", true, List.of("pwd", "otp"), ORIGIN),
				new AuthEvent.LoginFailed(EVENT_ID, OCCURRED_AT, USER, "bad_credentials", ORIGIN),
				new AuthEvent.DeviceAdded(EVENT_ID, OCCURRED_AT, USER, "dev_0000000000000000000001",
						"sha256:9f86d081884c7d659a2feaa0c55ad015", ORIGIN),
				new AuthEvent.AccountLocked(EVENT_ID, OCCURRED_AT, USER, Instant.parse("2026-03-14T09:41:53Z"), ORIGIN),
				new AuthEvent.AccountUnlocked(EVENT_ID, OCCURRED_AT, USER, ORIGIN),
				new AuthEvent.MfaChanged(EVENT_ID, OCCURRED_AT, USER, "totp_activated", ORIGIN),
				new AuthEvent.MerchantCreated(EVENT_ID, OCCURRED_AT, MERCHANT, "Ada's Books", "billing@example.com",
						ORIGIN),
				new AuthEvent.ApiKeyChanged(EVENT_ID, OCCURRED_AT, MERCHANT, "key_0000000000000000000001", "test",
						"rotated", ORIGIN),
				new AuthEvent.SessionRevoked(EVENT_ID, OCCURRED_AT, USER, "ses_0000000000000000000001", "logout",
						ORIGIN),
				new AuthEvent.PasswordChanged(EVENT_ID, OCCURRED_AT, USER, List.of("pwd", "otp"), 2, ORIGIN),
				new AuthEvent.PasswordChangeFailed(EVENT_ID, OCCURRED_AT, USER, "weak_new_password", ORIGIN),
				new AuthEvent.StepUpCompleted(EVENT_ID, OCCURRED_AT, USER, PAYMENT_ID, "chl_0000000000000000000001",
						true, ORIGIN),
				new AuthEvent.MemberInvited(EVENT_ID, OCCURRED_AT, MERCHANT, "inv_0000000000000000000001", "developer",
						USER, ORIGIN),
				new AuthEvent.TeamChanged(EVENT_ID, OCCURRED_AT, MERCHANT, "member_added", USER,
						"inv_0000000000000000000001", "developer", USER, ORIGIN));
	}

	private static Stream<PlatformEvent> payment() {
		PaymentSnapshot payment = new PaymentSnapshot(PAYMENT_ID, "payment", 4200, "eur", "succeeded", "automatic", 0,
				4200, 1000, MERCHANT, USER, "pm_0000000000000000000001",
				new PaymentSnapshot.CardSummary("visa", "4242", "424242", "DE", "fp_0000000000000000000001", 12, 2030),
				"stripe", "ch_3MmlLrLkdIwHu7ix0snN0B15", "card_declined", "Order 1042", Map.of("order", "1042"),
				new PaymentSnapshot.FraudSummary(12, "allow", List.of("new_device")),
				new PaymentSnapshot.DeviceContext("dev_0000000000000000000001", ORIGIN), false,
				"req_0000000000000000000001", Instant.parse("2026-03-14T09:26:50.123456Z"));
		RefundSnapshot refund = new RefundSnapshot("re_0000000000000000000001", "refund", PAYMENT_ID, 1000, "eur",
				"succeeded", MERCHANT, "stripe", "re_3MmlLrLkdIwHu7ix0snN0B15", "requested_by_customer",
				"req_0000000000000000000002", Instant.parse("2026-03-14T09:26:52Z"));
		return Stream.of(new PaymentRequiresAction(EVENT_ID, OCCURRED_AT, payment),
				new PaymentAuthorized(EVENT_ID, OCCURRED_AT, payment),
				new PaymentCaptured(EVENT_ID, OCCURRED_AT, payment),
				new PaymentSucceeded(EVENT_ID, OCCURRED_AT, payment), new PaymentFailed(EVENT_ID, OCCURRED_AT, payment),
				new PaymentCanceled(EVENT_ID, OCCURRED_AT, payment),
				new RefundSucceeded(EVENT_ID, OCCURRED_AT, refund, payment));
	}

	private static Stream<PlatformEvent> payout() {
		PayoutSnapshot payout = new PayoutSnapshot("po_0000000000000000000001", "payout", 9680, "EUR", "failed",
				MERCHANT, "ba_0000000000000000000001", "3000", "Commerzbank", "DE", "simulator",
				"sim_po_0000000000000000000001", "standard", "account_closed", Instant.parse("2026-03-14T09:26:51Z"),
				true);
		return Stream.of(new PayoutCreated(EVENT_ID, OCCURRED_AT, payout),
				new PayoutPaid(EVENT_ID, OCCURRED_AT, payout), new PayoutFailed(EVENT_ID, OCCURRED_AT, payout));
	}

	private static Stream<PlatformEvent> dispute() {
		DisputeSnapshot dispute = new DisputeSnapshot("dp_0000000000000000000001", "dispute", PAYMENT_ID, MERCHANT,
				4200, 1500, "EUR", "fraudulent", "won", "stripe", "du_1MmlLrLkdIwHu7ix0snN0B15",
				Instant.parse("2026-03-21T23:59:59Z"), Instant.parse("2026-03-14T09:26:52Z"), true);
		return Stream.of(new DisputeCreated(EVENT_ID, OCCURRED_AT, dispute),
				new DisputeUpdated(EVENT_ID, OCCURRED_AT, dispute), new DisputeClosed(EVENT_ID, OCCURRED_AT, dispute));
	}

	private static Stream<PlatformEvent> fraud() {
		return Stream.of(
				new FraudEvent.FraudAlert(EVENT_ID, OCCURRED_AT, "alr_0000000000000000000001", PAYMENT_ID, MERCHANT,
						USER, 4200, "eur", 87, "review", List.of("velocity", "new_device"), true),
				new FraudEvent.ReviewDecided(EVENT_ID, OCCURRED_AT, PAYMENT_ID, MERCHANT, "approve",
						"usr_0000000000000000000002"));
	}

	private static Stream<PlatformEvent> ledger() {
		return Stream.of(
				new LedgerEvent.TransactionPosted(EVENT_ID, OCCURRED_AT, "txn_0000000000000000000001", "capture",
						PAYMENT_ID,
						List.of(new LedgerEvent.Entry("acc_merchant_pending", "credit", 4200, "eur"),
								new LedgerEvent.Entry("acc_psp_clearing", "debit", 4200, "eur")),
						true),
				new LedgerEvent.ReconciliationException(EVENT_ID, OCCURRED_AT, "rex_0000000000000000000001", "stripe",
						"ch_3MmlLrLkdIwHu7ix0snN0B15", "amount_mismatch", 4200, 4100, "eur"));
	}

	private static Stream<PlatformEvent> subscription() {
		String subscriptionId = "sub_0000000000000000000001";
		Instant periodStart = Instant.parse("2026-01-31T10:00:00Z");
		Instant periodEnd = Instant.parse("2026-02-28T10:00:00Z");
		SubscriptionSnapshot subscription = new SubscriptionSnapshot(subscriptionId, "subscription", MERCHANT, USER,
				"prod_0000000000000000000001", "price_0000000000000000000001", "premium", "active", periodStart,
				periodEnd, Instant.parse("2026-01-31T10:00:00Z"), true, Instant.parse("2026-02-02T08:00:00Z"), false,
				Instant.parse("2026-01-24T10:00:00Z"));
		InvoiceSnapshot invoice = new InvoiceSnapshot("in_0000000000000000000001", "invoice", MERCHANT, USER,
				subscriptionId, 999, "USD", "open", "subscription_cycle", periodStart, periodEnd, 1,
				Instant.parse("2026-02-01T10:00:00Z"), PAYMENT_ID, "authentication_required", false,
				Instant.parse("2026-01-31T10:00:00Z"));
		EntitlementSnapshot entitlement = new EntitlementSnapshot("ent_0000000000000000000001", "entitlement", MERCHANT,
				USER, "premium", "subscription", subscriptionId, Instant.parse("2026-03-03T10:00:00Z"), false);
		return Stream.of(new SubscriptionEvent.SubscriptionCreated(EVENT_ID, OCCURRED_AT, subscription),
				new SubscriptionEvent.SubscriptionUpdated(EVENT_ID, OCCURRED_AT, subscription),
				new SubscriptionEvent.SubscriptionRenewed(EVENT_ID, OCCURRED_AT, subscription),
				new SubscriptionEvent.SubscriptionPastDue(EVENT_ID, OCCURRED_AT, subscription),
				new SubscriptionEvent.SubscriptionCanceled(EVENT_ID, OCCURRED_AT, subscription),
				new InvoiceEvent.InvoicePaid(EVENT_ID, OCCURRED_AT, invoice),
				new InvoiceEvent.InvoicePaymentFailed(EVENT_ID, OCCURRED_AT, invoice),
				new EntitlementEvent.EntitlementGranted(EVENT_ID, OCCURRED_AT, entitlement),
				new EntitlementEvent.EntitlementRevoked(EVENT_ID, OCCURRED_AT, entitlement));
	}

}
