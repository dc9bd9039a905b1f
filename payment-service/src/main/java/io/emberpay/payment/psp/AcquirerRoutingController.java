package io.emberpay.payment.psp;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (with MFA) drain, force open or resume an acquirer at runtime: {@code POST
 * /v1/acquirers/{name}/drain | force_open | resume} with {@code {"reason"}}. The state is
 * stored for every replica and audited; the answer is the acquirer as
 * {@code GET /v1/acquirers} shows it.
 */
@RestController
class AcquirerRoutingController {

	private static final int MAX_REASON = 500;

	private final PspRouter router;

	AcquirerRoutingController(PspRouter router) {
		this.router = router;
	}

	@PostMapping("/v1/acquirers/{name}/drain")
	PspBreakerController.Breaker drain(Caller caller, @PathVariable String name,
			@RequestBody(required = false) ChangeRequest request) {
		return change(caller, name, RoutingState.DRAINING, request);
	}

	@PostMapping("/v1/acquirers/{name}/force_open")
	PspBreakerController.Breaker forceOpen(Caller caller, @PathVariable String name,
			@RequestBody(required = false) ChangeRequest request) {
		return change(caller, name, RoutingState.FORCED_OPEN, request);
	}

	@PostMapping("/v1/acquirers/{name}/resume")
	PspBreakerController.Breaker resume(Caller caller, @PathVariable String name,
			@RequestBody(required = false) ChangeRequest request) {
		return change(caller, name, RoutingState.ACTIVE, request);
	}

	private PspBreakerController.Breaker change(Caller caller, String name, RoutingState state, ChangeRequest request) {
		OperatorAccess.require(caller);
		PspChannel channel = this.router.channels()
			.stream()
			.filter(c -> c.name().equals(name))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("acquirer", name));
		String reason = (request == null) ? null : request.reason();
		if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
			throw ApiException.invalid("reason",
					"reason is required: say why, in 1 to " + MAX_REASON + " characters, for the audit");
		}
		this.router.states().change(name, state, reason.strip(), caller.id());
		return PspBreakerController.view(this.router, channel);
	}

	/** Why the operator changes the acquirer's routing, kept in the audit. */
	record ChangeRequest(String reason) {
	}

}
