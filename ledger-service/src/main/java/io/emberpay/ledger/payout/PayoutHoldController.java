package io.emberpay.ledger.payout;

import io.emberpay.starter.money.Money;
import io.emberpay.starter.security.InternalCallers;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where payment-service reserves a payout's funds before it sends the payout: 201 with
 * the hold, 409 {@code insufficient_available_balance} when the funds are not there, 400
 * for a currency the merchant has no balance in. The same payout answers the same hold.
 * The hold comes out of the balance of the request's mode; a request without one (from a
 * payment-service older than modes, which sent every payout under the acquirer's test
 * account) holds test funds.
 */
@RestController
class PayoutHoldController {

	private final PayoutLedger ledger;

	PayoutHoldController(PayoutLedger ledger) {
		this.ledger = ledger;
	}

	@InternalCallers("payment-service")
	@PostMapping("/internal/v1/payout_holds")
	@ResponseStatus(HttpStatus.CREATED)
	PayoutHold hold(@Valid @RequestBody PayoutHoldRequest request) {
		String currency = Money.currency(request.currency()).getCurrencyCode();
		long minimum = (request.minimumAmount() == null) ? 0 : request.minimumAmount();
		return this.ledger.hold(request.payout(), request.merchant(), request.amount(), minimum, currency,
				Boolean.TRUE.equals(request.livemode()));
	}

}
