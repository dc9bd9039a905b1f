package io.emberpay.payment.payout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.InternalApiClient;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.stereotype.Component;

/**
 * Asks the ledger to hold a payout's funds out of the merchant's available balance. The
 * ledger decides under its chain lock, so concurrent payouts can never together exceed
 * what is available; a refusal here means nothing was held.
 */
@Component
class PayoutFunds {

	private final InternalApiClient client;

	private final PayoutProperties properties;

	PayoutFunds(InternalApiClient client, PayoutProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/**
	 * Holds {@code amount}, or with a null amount everything available when it reaches
	 * {@code minimum}; answers the amount held.
	 */
	long hold(String payoutId, String merchantId, Long amount, long minimum, String currency) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("payout", payoutId);
		body.put("merchant", merchantId);
		body.put("currency", currency);
		if (amount != null) {
			body.put("amount", amount);
		}
		body.put("minimum_amount", minimum);
		InternalApiClient.Reply reply;
		try {
			reply = this.client.post("ledger-service", this.properties.ledgerUrl() + "/internal/v1/payout_holds", body,
					this.properties.ledgerTimeout());
		}
		catch (InternalApiClient.Unreachable ex) {
			throw new ApiException(CommonError.SERVICE_UNAVAILABLE, "The ledger cannot hold the payout's funds now",
					null, Duration.ofSeconds(5));
		}
		return switch (reply.status()) {
			case 201 -> reply.json().get("amount").asLong();
			case 409 -> throw new ApiException(PaymentError.INSUFFICIENT_AVAILABLE_BALANCE,
					"The available balance in " + currency + " does not cover this payout", "amount");
			case 400 -> throw ApiException.invalid(paramOf(reply), detailOf(reply));
			default -> throw new IllegalStateException("The ledger answered a payout hold with " + reply.status());
		};
	}

	private static String paramOf(InternalApiClient.Reply reply) {
		String param = reply.text("param");
		return (param == null) ? "currency" : param;
	}

	private static String detailOf(InternalApiClient.Reply reply) {
		String detail = reply.text("detail");
		return (detail == null) ? "The payout cannot be held" : detail;
	}

}
