package io.emberpay.payment.pspwebhook;

import io.emberpay.payment.psp.WebhookRefused;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Clock;

import io.emberpay.payment.PaymentError;
import io.emberpay.payment.psp.stripe.StripeConnector;
import io.emberpay.payment.psp.stripe.StripeEvent;
import io.emberpay.payment.psp.stripe.StripeProperties;
import io.emberpay.payment.psp.stripe.StripeSignature;
import io.emberpay.starter.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/psp_webhooks/{acquirer}}: calls from acquirers, authenticated by their
 * own signature over the raw body, verified before a byte of the body is interpreted.
 * Refused calls are logged (reason and address, never the body) and change nothing.
 */
@RestController
class PspWebhookController {

	private static final Logger log = LoggerFactory.getLogger(PspWebhookController.class);

	/** Stripe's events are a few kilobytes; anything far larger is not one. */
	private static final int MAX_BODY_BYTES = 256 * 1024;

	private final StripeProperties stripe;

	private final StripeWebhooks stripeWebhooks;

	private final AdyenNotifications adyen;

	private final Clock clock;

	PspWebhookController(StripeProperties stripe, StripeWebhooks stripeWebhooks, AdyenNotifications adyen,
			Clock clock) {
		this.stripe = stripe;
		this.stripeWebhooks = stripeWebhooks;
		this.adyen = adyen;
		this.clock = clock;
	}

	/**
	 * Adyen's notifications, each item signed with the webhook's HMAC key; Adyen expects
	 * {@code [accepted]} as the answer.
	 */
	@PostMapping("/v1/psp_webhooks/adyen")
	ResponseEntity<String> receiveAdyen(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
		if (!this.adyen.enabled()) {
			throw ApiException.notFound("acquirer", AdyenNotifications.ACQUIRER);
		}
		byte[] raw = (body == null) ? new byte[0] : body;
		try {
			if (raw.length > MAX_BODY_BYTES) {
				throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "body too large");
			}
			this.adyen.receive(utf8(raw));
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("[accepted]");
		}
		catch (WebhookRefused ex) {
			throw refused(AdyenNotifications.ACQUIRER, ex, request, "additionalData.hmacSignature");
		}
	}

	@PostMapping("/v1/psp_webhooks/{acquirer}")
	Received receive(@PathVariable String acquirer, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature, HttpServletRequest request) {
		if (!StripeConnector.NAME.equals(acquirer) || !this.stripe.enabled()) {
			// Adyen has its own mapping above; any other name is no acquirer of ours.
			throw ApiException.notFound("acquirer", acquirer);
		}
		byte[] raw = (body == null) ? new byte[0] : body;
		try {
			if (raw.length > MAX_BODY_BYTES) {
				throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "body too large");
			}
			StripeProperties.WebhookSigner signer = StripeSignature.verify(signature, raw, this.stripe.webhookSigners(),
					this.clock.instant(), this.stripe.webhookTolerance());
			String payload = utf8(raw);
			StripeWebhooks.Receipt receipt = this.stripeWebhooks.receive(StripeEvent.read(payload), signer, payload);
			return new Received(receipt.id(), receipt.duplicate(), receipt.outcome());
		}
		catch (WebhookRefused ex) {
			throw refused(StripeConnector.NAME, ex, request, "Stripe-Signature");
		}
	}

	private static ApiException refused(String acquirer, WebhookRefused ex, HttpServletRequest request,
			String signatureParam) {
		log.warn("Refused a {} webhook call from {}: {} ({})", acquirer, request.getRemoteAddr(), ex.reason(),
				ex.getMessage());
		if (ex.reason() == WebhookRefused.Reason.MALFORMED) {
			return new ApiException(PaymentError.WEBHOOK_MALFORMED, ex.getMessage(), "body");
		}
		return new ApiException(PaymentError.WEBHOOK_SIGNATURE_INVALID,
				"The signature does not verify: " + ex.getMessage(), signatureParam);
	}

	private static String utf8(byte[] raw) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(raw))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new WebhookRefused(WebhookRefused.Reason.MALFORMED, "body is not UTF-8");
		}
	}

	/** The acknowledgement an acquirer gets; a 2xx stops its retries. */
	record Received(String id, boolean duplicate, String outcome) {
	}

}
