package io.emberpay.ledger.integrity;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs the integrity check: inside the platform for monitoring, and for operators on the
 * public API.
 */
@RestController
class IntegrityController {

	private final IntegrityCheck check;

	IntegrityController(IntegrityCheck check) {
		this.check = check;
	}

	// platform-check: the local launcher's own check after its test and benchmark runs
	@InternalCallers(value = "platform-check", operators = true)
	@GetMapping("/internal/v1/integrity")
	IntegrityReport internal() {
		return this.check.verify();
	}

	@GetMapping("/v1/ledger/integrity")
	IntegrityReport forOperator(Caller caller) {
		OperatorAccess.require(caller);
		return this.check.verify();
	}

}
