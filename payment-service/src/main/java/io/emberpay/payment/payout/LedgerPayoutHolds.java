package io.emberpay.payment.payout;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The ledger's hold on a payout's funds ({@code /internal/v1/payout_holds}). */
@HttpExchange(url = "/internal/v1", accept = "application/json", contentType = "application/json")
interface LedgerPayoutHolds {

	@PostExchange("/payout_holds")
	Hold hold(@RequestBody HoldRequest request);

	/**
	 * {@code amount} null: everything available, when it reaches {@code minimumAmount};
	 * out of the merchant's balance of mode {@code livemode}.
	 */
	record HoldRequest(String payout, String merchant, String currency, Long amount, long minimumAmount,
			boolean livemode) {
	}

	record Hold(long amount) {
	}

}
