package io.emberpay.payment.payment.refund;

import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RefundController {

	private final PaymentRefunds refunds;

	RefundController(PaymentRefunds refunds) {
		this.refunds = refunds;
	}

	@PostMapping("/v1/refunds")
	@ApiResponse(responseCode = "201", description = "The refund, succeeded", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "202", description = "The refund, pending while the acquirer has not answered",
			useReturnTypeSchema = true)
	ResponseEntity<RefundView> create(Caller caller, @Valid @RequestBody RefundRequest request) {
		Refund refund = this.refunds.refund(caller, request);
		// Pending: the acquirer's answer was lost; the amount stays reserved until it is
		// known.
		HttpStatus status = "pending".equals(refund.status()) ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
		return ResponseEntity.status(status).body(RefundView.of(refund));
	}

	@GetMapping("/v1/refunds/{id}")
	RefundView get(Caller caller, @PathVariable String id) {
		return RefundView.of(this.refunds.get(caller, id));
	}

}
