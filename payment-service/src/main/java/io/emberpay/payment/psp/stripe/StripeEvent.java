package io.emberpay.payment.psp.stripe;

import io.emberpay.payment.psp.WebhookRefused;
import java.util.Optional;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.ApiResource;
import io.emberpay.payment.psp.PspAuthorization;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verified Stripe event. Its envelope is checked here; the objects inside are read with
 * the SDK's own model classes. Only what drives our payments is exposed: the
 * PaymentIntent events' authorization state and the refund events' refund.
 */
public final class StripeEvent {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String id;

	private final String type;

	private final boolean livemode;

	private final JsonNode object;

	private StripeEvent(String id, String type, boolean livemode, JsonNode object) {
		this.id = id;
		this.type = type;
		this.livemode = livemode;
		this.object = object;
	}

	/** Reads a body whose signature was verified; a malformed one is refused. */
	public static StripeEvent read(String body) {
		JsonNode event;
		try {
			event = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw malformed("body is not JSON");
		}
		String id = event.path("id").asString("");
		String type = event.path("type").asString("");
		JsonNode object = event.path("data").path("object");
		if (!id.matches("evt_\\w{1,250}") || !type.matches("[a-z_.]{1,100}") || !object.isObject()
				|| !event.path("livemode").isBoolean()) {
			throw malformed("not a Stripe event (id, type, livemode, data.object)");
		}
		return new StripeEvent(id, type, event.path("livemode").asBoolean(), object);
	}

	private static WebhookRefused malformed(String message) {
		return new WebhookRefused(WebhookRefused.Reason.MALFORMED, message);
	}

	public String id() {
		return this.id;
	}

	public String type() {
		return this.type;
	}

	public boolean livemode() {
		return this.livemode;
	}

	/** A PaymentIntent event's intent, as our authorization state. */
	public Optional<IntentState> paymentIntent() {
		if (!this.type.startsWith("payment_intent.")
				|| !"payment_intent".equals(this.object.path("object").asString(""))) {
			return Optional.empty();
		}
		PaymentIntent intent = ApiResource.GSON.fromJson(this.object.toString(), PaymentIntent.class);
		String paymentId = (intent.getMetadata() == null) ? null
				: intent.getMetadata().get(StripeConnector.PAYMENT_METADATA);
		return Optional.of(new IntentState(paymentId, StripeConnector.authorization(intent),
				(intent.getAmountReceived() == null) ? 0 : intent.getAmountReceived()));
	}

	/** A refund event's refund. */
	public Optional<RefundState> refund() {
		if (!"refund".equals(this.object.path("object").asString(""))) {
			return Optional.empty();
		}
		Refund refund = ApiResource.GSON.fromJson(this.object.toString(), Refund.class);
		String refundId = (refund.getMetadata() == null) ? null
				: refund.getMetadata().get(StripeConnector.REFUND_METADATA);
		return Optional.of(new RefundState(refundId, refund.getId(), refund.getStatus(), refund.getFailureReason()));
	}

	/**
	 * A dispute event's dispute ({@code charge.dispute.*}), read from the JSON: the
	 * disputed PaymentIntent, amount, reason, status and evidence deadline.
	 */
	public Optional<DisputeState> dispute() {
		if (!this.type.startsWith("charge.dispute.") || !"dispute".equals(this.object.path("object").asString(""))) {
			return Optional.empty();
		}
		String id = this.object.path("id").asString("");
		String intent = this.object.path("payment_intent").asString("");
		long amount = this.object.path("amount").asLong(0);
		long dueBy = this.object.path("evidence_details").path("due_by").asLong(0);
		if (!id.matches("du_\\w{1,100}") || !intent.matches("pi_\\w{1,100}") || amount <= 0 || dueBy <= 0) {
			throw malformed("not a Stripe dispute (id, payment_intent, amount, evidence_details.due_by)");
		}
		return Optional.of(new DisputeState(id, intent, amount,
				this.object.path("currency").asString("").toUpperCase(java.util.Locale.ROOT),
				this.object.path("reason").asString(null), this.object.path("status").asString(""),
				java.time.Instant.ofEpochSecond(dueBy)));
	}

	/**
	 * @param disputeId Stripe's dispute id ({@code du_})
	 * @param paymentIntent the disputed PaymentIntent, our payment's psp reference
	 * @param status Stripe's status: {@code won} and {@code lost} are final
	 */
	public record DisputeState(String disputeId, String paymentIntent, long amount, String currency, String reason,
			String status, java.time.Instant evidenceDueBy) {
	}

	/**
	 * @param paymentId our payment, from the intent's metadata
	 * @param authorization the intent as an authorization
	 * @param amountReceived what Stripe captured
	 */
	public record IntentState(String paymentId, PspAuthorization authorization, long amountReceived) {
	}

	/**
	 * @param refundId our refund, from the refund's metadata
	 */
	public record RefundState(String refundId, String stripeRefundId, String status, String failureReason) {
	}

}
