package io.emberpay.payment.payment;

import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

	private final PaymentQueries queries;

	PaymentController(PaymentQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/v1/payments/{id}")
	PaymentView get(Caller caller, @PathVariable String id) {
		return PaymentView.of(this.queries.get(caller, id));
	}

	@GetMapping("/v1/payments")
	ListPage<PaymentView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.queries.list(caller, PageQuery.of(limit, startingAfter));
	}

}
