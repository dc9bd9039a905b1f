package io.emberpay.subscription.subscription;

import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/subscriptions}: users subscribe, change plan and cancel; merchants see
 * theirs.
 */
@RestController
class SubscriptionController {

	private final Subscriptions subscriptions;

	SubscriptionController(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@PostMapping("/v1/subscriptions")
	@ResponseStatus(HttpStatus.CREATED)
	SubscriptionView create(Caller caller, @Valid @RequestBody SubscriptionRequests.Create request) {
		return this.subscriptions.create(caller, request);
	}

	@GetMapping("/v1/subscriptions")
	ListPage<SubscriptionView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.subscriptions.list(caller, PageQuery.of(limit, startingAfter));
	}

	@GetMapping("/v1/subscriptions/{id}")
	SubscriptionView get(Caller caller, @PathVariable String id) {
		return this.subscriptions.get(caller, id);
	}

	@PostMapping("/v1/subscriptions/{id}")
	SubscriptionView change(Caller caller, @PathVariable String id,
			@Valid @RequestBody SubscriptionRequests.Change request) {
		return this.subscriptions.changePrice(caller, id, request);
	}

	@PostMapping("/v1/subscriptions/{id}/cancel")
	SubscriptionView cancel(Caller caller, @PathVariable String id,
			@RequestBody(required = false) SubscriptionRequests.Cancel request) {
		return this.subscriptions.cancel(caller, id, request);
	}

}
