package io.emberpay.notification.webhook.endpoint;

import io.emberpay.notification.webhook.delivery.AttemptLog;
import io.emberpay.notification.webhook.delivery.AttemptView;
import io.emberpay.notification.webhook.delivery.DeliveryDispatcher;
import io.emberpay.notification.webhook.event.WebhookEventView;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/webhook_endpoints}: merchants register, inspect and rotate their endpoints.
 */
@RestController
@RequestMapping("/v1/webhook_endpoints")
class WebhookEndpointController {

	private final WebhookEndpoints endpoints;

	private final AttemptLog attempts;

	private final WebhookTestEvents testEvents;

	private final WebhookReplays replays;

	private final DeliveryDispatcher dispatcher;

	WebhookEndpointController(WebhookEndpoints endpoints, AttemptLog attempts, WebhookTestEvents testEvents,
			WebhookReplays replays, DeliveryDispatcher dispatcher) {
		this.endpoints = endpoints;
		this.attempts = attempts;
		this.testEvents = testEvents;
		this.replays = replays;
		this.dispatcher = dispatcher;
	}

	/**
	 * Queues again the endpoint's failed events of a range (at most 1000 a request);
	 * takes an Idempotency-Key, so a retried request answers the first replay.
	 */
	@PostMapping("/{id}/replays")
	@ResponseStatus(HttpStatus.ACCEPTED)
	WebhookReplayView replay(Caller caller, @PathVariable String id,
			@Valid @RequestBody WebhookEndpointRequests.Replay request) {
		WebhookReplayView replay = this.replays.replay(merchant(caller), caller.livemode(), id, request);
		// after the commit: the dispatcher must find the deliveries pending
		this.dispatcher.wake();
		return replay;
	}

	/** A {@code webhook_endpoint.test} event delivered to this endpoint only. */
	@PostMapping("/{id}/test_event")
	@ResponseStatus(HttpStatus.CREATED)
	WebhookEventView sendTestEvent(Caller caller, @PathVariable String id) {
		return this.testEvents.send(merchant(caller), caller.livemode(), id);
	}

	/**
	 * The endpoint's deliveries are shaped in the API version this request ran in: the
	 * gateway forwards the one in force (named, else the merchant's pinned one, else the
	 * current one). Read from the request rather than declared, since the gateway
	 * documents the header on every operation.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	WebhookEndpointView create(Caller caller, @Valid @RequestBody WebhookEndpointRequests.Create request,
			HttpServletRequest http) {
		return this.endpoints.create(merchant(caller), caller.livemode(), http.getHeader("Emberpay-Version"), request);
	}

	@GetMapping
	ListPage<WebhookEndpointView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.endpoints.list(merchant(caller), caller.livemode(), PageQuery.of(limit, startingAfter));
	}

	@GetMapping("/{id}")
	WebhookEndpointView get(Caller caller, @PathVariable String id) {
		return this.endpoints.get(merchant(caller), caller.livemode(), id);
	}

	@PostMapping("/{id}")
	WebhookEndpointView update(Caller caller, @PathVariable String id,
			@Valid @RequestBody WebhookEndpointRequests.Update request) {
		return this.endpoints.update(merchant(caller), caller.livemode(), id, request);
	}

	@DeleteMapping("/{id}")
	Deleted delete(Caller caller, @PathVariable String id) {
		this.endpoints.delete(merchant(caller), caller.livemode(), id);
		return new Deleted(id, "webhook_endpoint", true);
	}

	@PostMapping("/{id}/rotate_secret")
	WebhookEndpointView rotateSecret(Caller caller, @PathVariable String id) {
		return this.endpoints.rotateSecret(merchant(caller), caller.livemode(), id);
	}

	@GetMapping("/{id}/attempts")
	ListPage<AttemptView> attempts(Caller caller, @PathVariable String id,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		this.endpoints.owned(merchant(caller), caller.livemode(), id);
		return this.attempts.list(id, PageQuery.of(limit, startingAfter));
	}

	static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Webhook endpoints belong to merchants");
		}
		return caller.id();
	}

	record Deleted(String id, String object, boolean deleted) {
	}

}
