package io.emberpay.payment.pspwebhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.emberpay.payment.PaymentError;
import io.emberpay.payment.dispute.DisputeDesk;
import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.authorization.AcquirerOutcomes;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspRouter;
import io.emberpay.payment.psp.SimulatorEvents;
import io.emberpay.payment.psp.WebhookRefused;
import io.emberpay.starter.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/psp_webhooks/psp-a|psp-b}: the simulator acquirers' later word on an
 * authorization (a 3-D Secure challenge passed or failed, a bank debit settled, failed or
 * returned) or on a cardholder's dispute ({@code dispute.created}, {@code dispute.closed}
 * won or lost), which drives the dispute lifecycle as Stripe's do. The signature is
 * verified before the body is read; the event is stored raw once by its id and applied in
 * the same transaction, so a redelivery changes nothing.
 */
@RestController
class SimulatorWebhooks {

	private static final Logger log = LoggerFactory.getLogger(SimulatorWebhooks.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_BODY_BYTES = 64 * 1024;

	private final SimulatorWebhookProperties properties;

	private final PspWebhookEvents events;

	private final PaymentRepository payments;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PspRouter router;

	private final DisputeDesk disputes;

	SimulatorWebhooks(SimulatorWebhookProperties properties, PspWebhookEvents events, PaymentRepository payments,
			TransactionTemplate transactions, Clock clock, PspRouter router, DisputeDesk disputes) {
		this.disputes = disputes;
		this.router = router;
		this.properties = properties;
		this.events = events;
		this.payments = payments;
		this.transactions = transactions;
		this.clock = clock;
	}

	@PostMapping({ "/v1/psp_webhooks/psp-a", "/v1/psp_webhooks/psp-b" })
	Received receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Simulator-Signature", required = false) String signature,
			HttpServletRequest request) {
		String acquirer = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
		if (!this.properties.enabled()) {
			throw ApiException.notFound("acquirer", acquirer);
		}
		byte[] raw = (body == null) ? new byte[0] : body;
		try {
			if (raw.length > MAX_BODY_BYTES) {
				throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "body too large");
			}
			SimulatorSignature.verify(signature, raw, this.properties.secret(), this.clock.instant(),
					this.properties.tolerance());
			return apply(acquirer, new String(raw, StandardCharsets.UTF_8));
		}
		catch (WebhookRefused ex) {
			log.warn("Refused a {} webhook call from {}: {} ({})", acquirer, request.getRemoteAddr(), ex.reason(),
					ex.getMessage());
			if (ex.reason() == WebhookRefused.Reason.MALFORMED) {
				throw new ApiException(PaymentError.WEBHOOK_MALFORMED, ex.getMessage(), "body");
			}
			throw new ApiException(PaymentError.WEBHOOK_SIGNATURE_INVALID,
					"The signature does not verify: " + ex.getMessage(), "Simulator-Signature");
		}
	}

	private Received apply(String acquirer, String payload) {
		JsonNode event;
		try {
			event = JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "body is not JSON");
		}
		String id = event.path("id").asString("");
		String type = event.path("type").asString("");
		JsonNode object = event.path("data").path("object");
		if (!id.matches("evt_[A-Za-z0-9_]{1,100}") || !type.matches("[a-z_.]{1,100}") || !object.isObject()) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "not a simulator event");
		}
		boolean livemode = event.path("livemode").asBoolean(false);
		if (type.startsWith("dispute.")) {
			return applyDispute(acquirer, id, type, livemode, object, payload);
		}
		PspAuthorization authorization = SimulatorEvents.authorization(object);
		Received received = this.transactions.execute(status -> {
			if (!this.events.insertIfNew(acquirer, id, type, event.path("livemode").asBoolean(false), payload)) {
				return new Received(id, true, this.events.outcome(acquirer, id));
			}
			Optional<Payment> payment = this.payments.findByAcquirer(acquirer, authorization.id());
			String outcome = payment
				.flatMap(p -> AcquirerOutcomes.applyLater(this.payments, p.id(), acquirer, authorization))
				.map(after -> "payment_" + after)
				.orElse(payment.isPresent() ? "ignored" : "unknown_authorization");
			this.events.recordOutcome(acquirer, id, outcome);
			log.info("{} event {} {} for {}: {}", acquirer, id, type, payment.map(Payment::id).orElse("-"), outcome);
			return new Received(id, false, outcome);
		});
		if (("payment_" + AcquirerOutcomes.HOLD_AFTER_CANCEL).equals(received.outcome())) {
			releaseHold(acquirer, authorization);
		}
		return received;
	}

	/**
	 * A cardholder's dispute at the acquirer, stored and applied once: only of a payment
	 * that acquirer made, in the event's mode. A dispute of a payment we do not know
	 * stays stored as {@code unknown_payment} for reconciliation.
	 */
	private Received applyDispute(String acquirer, String id, String type, boolean livemode, JsonNode dispute,
			String payload) {
		String disputeId = dispute.path("id").asString("");
		String authorizationId = dispute.path("authorization_id").asString("");
		long amount = dispute.path("amount").asLong(0);
		String reason = dispute.path("reason").asString("general");
		if (!disputeId.matches("du_[A-Za-z0-9]{1,100}") || !authorizationId.matches("[A-Za-z0-9_]{1,100}")
				|| amount <= 0 || !reason.matches("[a-z_]{1,40}")) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "not a simulator dispute");
		}
		Instant dueBy = dueBy(dispute.path("evidence_due_by").asString(""));
		return this.transactions.execute(status -> {
			if (!this.events.insertIfNew(acquirer, id, type, livemode, payload)) {
				return new Received(id, true, this.events.outcome(acquirer, id));
			}
			Optional<Payment> payment = this.payments.findByAcquirer(acquirer, authorizationId);
			String outcome;
			if (payment.isEmpty()) {
				outcome = "unknown_payment";
			}
			else if (payment.get().facts().livemode() != livemode) {
				outcome = "mode_mismatch";
			}
			else {
				outcome = switch (type) {
					case "dispute.created" ->
						this.disputes.opened(acquirer, disputeId, authorizationId, amount, reason, dueBy);
					case "dispute.closed" -> switch (dispute.path("status").asString("")) {
						case "won" -> this.disputes.decided(acquirer, disputeId, true);
						case "lost" -> this.disputes.decided(acquirer, disputeId, false);
						default -> "no_change";
					};
					default -> "ignored";
				};
			}
			this.events.recordOutcome(acquirer, id, outcome);
			log.info("{} event {} {} for {}: {}", acquirer, id, type, payment.map(Payment::id).orElse("-"), outcome);
			return new Received(id, false, outcome);
		});
	}

	/** The acquirer's evidence deadline; absent, the platform's own window applies. */
	private static Instant dueBy(String text) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "evidence_due_by is not an instant");
		}
	}

	/**
	 * Voids a hold the acquirer made for a payment canceled meanwhile, after the event is
	 * stored; the key is the cancel's own, so a cancel and this never void twice. A
	 * failure is logged for an operator: the acquirer's hold expires on its own.
	 */
	private void releaseHold(String acquirer, PspAuthorization authorization) {
		Payment payment = this.payments.findByAcquirer(acquirer, authorization.id()).orElseThrow();
		try {
			this.router.channel(acquirer)
				.call(c -> c.voidAuthorization(payment.pspAccount(), authorization.id(), payment.id() + ".void"));
			log.info("Released the hold {} at {} of canceled payment {}", authorization.id(), acquirer, payment.id());
		}
		catch (RuntimeException ex) {
			log.warn("Could not release the hold {} at {} of canceled payment {}: {}", authorization.id(), acquirer,
					payment.id(), ex.getMessage());
		}
	}

	/** The acknowledgement the acquirer gets; a 2xx stops its retries. */
	record Received(String id, boolean duplicate, String outcome) {
	}

}
