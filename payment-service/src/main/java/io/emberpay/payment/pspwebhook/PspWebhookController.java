package io.emberpay.payment.pspwebhook;

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

	private final Clock clock;

	PspWebhookController(StripeProperties stripe, StripeWebhooks stripeWebhooks, Clock clock) {
		this.stripe = stripe;
		this.stripeWebhooks = stripeWebhooks;
		this.clock = clock;
	}

	@PostMapping("/v1/psp_webhooks/{acquirer}")
	Received receive(@PathVariable String acquirer, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature, HttpServletRequest request) {
		if (!StripeConnector.NAME.equals(acquirer) || !this.stripe.enabled()) {
			throw ApiException.notFound("acquirer", acquirer);
		}
		byte[] raw = (body == null) ? new byte[0] : body;
		try {
			if (raw.length > MAX_BODY_BYTES) {
				throw new StripeSignature.Refused(StripeSignature.Refused.Reason.MALFORMED, "body too large");
			}
			StripeProperties.WebhookSigner signer = StripeSignature.verify(signature, raw, this.stripe.webhookSigners(),
					this.clock.instant(), this.stripe.webhookTolerance());
			String payload = utf8(raw);
			StripeWebhooks.Receipt receipt = this.stripeWebhooks.receive(StripeEvent.read(payload), signer, payload);
			return new Received(receipt.id(), receipt.duplicate(), receipt.outcome());
		}
		catch (StripeSignature.Refused ex) {
			log.warn("Refused a Stripe webhook call from {}: {} ({})", request.getRemoteAddr(), ex.reason(),
					ex.getMessage());
			if (ex.reason() == StripeSignature.Refused.Reason.MALFORMED) {
				throw new ApiException(PaymentError.WEBHOOK_MALFORMED, ex.getMessage(), "body");
			}
			throw new ApiException(PaymentError.WEBHOOK_SIGNATURE_INVALID,
					"The Stripe-Signature header does not verify: " + ex.getMessage(), "Stripe-Signature");
		}
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
			throw new StripeSignature.Refused(StripeSignature.Refused.Reason.MALFORMED, "body is not UTF-8");
		}
	}

	/** The acknowledgement an acquirer gets; a 2xx stops its retries. */
	record Received(String id, boolean duplicate, String outcome) {
	}

}
