package io.emberpay.payment.payout;

import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's payouts and payout schedule. {@code POST /v1/payouts} moves money and so
 * requires an Idempotency-Key; another merchant's payout answers 404. Payouts belong to
 * the mode of the key that made them: a test key pays out the test balance and sees test
 * payouts only, a live key the live ones.
 */
@RestController
class PayoutController {

	private final PayoutRequests requests;

	private final PayoutSchedules schedules;

	PayoutController(PayoutRequests requests, PayoutSchedules schedules) {
		this.requests = requests;
		this.schedules = schedules;
	}

	@PostMapping("/v1/payouts")
	@ResponseStatus(HttpStatus.CREATED)
	PayoutView create(Caller caller, @Valid @RequestBody PayoutRequest request) {
		String merchant = merchant(caller);
		Money money = Money.of(request.amount(), request.currency());
		return PayoutView.of(this.requests.create(merchant, caller.livemode(), money.amountMinor(), 0,
				money.currencyCode(), request.destination(), false));
	}

	@GetMapping("/v1/payouts")
	ListPage<PayoutView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.requests.list(merchant(caller), caller.livemode(), PageQuery.of(limit, startingAfter));
	}

	@GetMapping("/v1/payouts/{id}")
	PayoutView get(Caller caller, @PathVariable String id) {
		return PayoutView.of(this.requests.find(merchant(caller), caller.livemode(), id));
	}

	@PutMapping("/v1/payout_schedule")
	PayoutSchedule putSchedule(Caller caller, @Valid @RequestBody PayoutScheduleRequest request) {
		return this.schedules.set(merchant(caller), request);
	}

	@GetMapping("/v1/payout_schedule")
	PayoutSchedule getSchedule(Caller caller) {
		return this.schedules.of(merchant(caller));
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only merchants have payouts");
		}
		return caller.id();
	}

}
