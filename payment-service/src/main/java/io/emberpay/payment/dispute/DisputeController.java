package io.emberpay.payment.dispute;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's disputes; another merchant's answer 404. */
@RestController
class DisputeController {

	private final DisputeDesk desk;

	DisputeController(DisputeDesk desk) {
		this.desk = desk;
	}

	@GetMapping("/v1/disputes")
	ListPage<DisputeView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.desk.list(merchant(caller), caller.livemode(), PageQuery.of(limit, startingAfter));
	}

	@GetMapping("/v1/disputes/{id}")
	DisputeView get(Caller caller, @PathVariable String id) {
		return this.desk.find(merchant(caller), caller.livemode(), id);
	}

	@PostMapping("/v1/disputes/{id}")
	DisputeView submitEvidence(Caller caller, @PathVariable String id, @Valid @RequestBody EvidenceRequest request) {
		return this.desk.submitEvidence(merchant(caller), caller.livemode(), id, request);
	}

	@PostMapping("/v1/disputes/{id}/close")
	DisputeView accept(Caller caller, @PathVariable String id) {
		return this.desk.accept(merchant(caller), caller.livemode(), id);
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only merchants answer disputes");
		}
		return caller.id();
	}

}
