package io.emberpay.psp.admin;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.dispute.DisputeDesk;
import io.emberpay.psp.dispute.DisputeView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test hooks playing the card networks: a cardholder disputes any captured payment, the
 * acquirer decides a dispute won or lost; each is told to the platform by signed webhook.
 */
@RestController
class DisputeAdminController {

	private final DisputeDesk disputes;

	DisputeAdminController(DisputeDesk disputes) {
		this.disputes = disputes;
	}

	/** {@code {"amount": 500, "reason": "fraudulent"}}, both optional. */
	@PostMapping("/admin/{psp}/authorizations/{id}/disputes")
	DisputeView open(@PathVariable Acquirer psp, @PathVariable String id,
			@RequestBody(required = false) OpenRequest request) {
		OpenRequest open = (request != null) ? request : new OpenRequest(null, null);
		return this.disputes.open(psp, id, open.amount(), open.reason());
	}

	/** {@code {"status": "won"}} or {@code lost}. */
	@PostMapping("/admin/{psp}/disputes/{id}/close")
	DisputeView close(@PathVariable Acquirer psp, @PathVariable String id, @RequestBody CloseRequest request) {
		return this.disputes.close(psp, id, request.status());
	}

	@GetMapping("/admin/{psp}/disputes/{id}")
	DisputeView find(@PathVariable Acquirer psp, @PathVariable String id) {
		return this.disputes.find(psp, id);
	}

	record OpenRequest(Long amount, String reason) {
	}

	record CloseRequest(String status) {
	}

}
