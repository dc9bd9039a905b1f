package io.emberpay.psp.admin;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.authorization.AuthorizationProcessor;
import io.emberpay.psp.authorization.AuthorizationView;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test hooks playing the bank behind a debit: settle it, or return it with a reason code;
 * either is told to the platform by signed webhook.
 */
@RestController
@RequestMapping("/admin/{psp}/debits/{id}")
class DebitAdminController {

	private final AuthorizationProcessor processor;

	DebitAdminController(AuthorizationProcessor processor) {
		this.processor = processor;
	}

	@PostMapping("/settle")
	AuthorizationView settle(@PathVariable Acquirer psp, @PathVariable String id) {
		return this.processor.settleDebit(psp, id);
	}

	@PostMapping("/return")
	AuthorizationView returnDebit(@PathVariable Acquirer psp, @PathVariable String id,
			@RequestBody ReturnRequest request) {
		return this.processor.returnDebit(psp, id, request.code());
	}

	/** {@code {"code": "R01"}}: the bank's return reason. */
	record ReturnRequest(String code) {
	}

}
