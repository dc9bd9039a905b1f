package io.emberpay.payment.payment.authorization;

import io.emberpay.payment.payment.PaymentResponses;
import io.emberpay.payment.payment.PaymentView;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthorizationController {

	private final PaymentAuthorizer authorizer;

	AuthorizationController(PaymentAuthorizer authorizer) {
		this.authorizer = authorizer;
	}

	@PostMapping("/v1/payments")
	@ApiResponse(responseCode = "201", description = "The payment",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
	@ApiResponse(responseCode = "202", description = "The payment, processing while the acquirer has not answered",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
	ResponseEntity<?> create(Caller caller, @Valid @RequestBody CreatePaymentRequest request,
			@RequestHeader(name = "X-Client-Ip", required = false) String clientIp) {
		// The gateway sets X-Client-Ip; anything longer than an address is not one.
		String ip = (clientIp != null && clientIp.length() <= 64) ? clientIp : null;
		PaymentAuthorizer.Attempt attempt = this.authorizer.create(caller, request, ip);
		return PaymentResponses.afterAttempt(attempt.payment(), HttpStatus.CREATED, attempt.retryAfter());
	}

	@PostMapping("/v1/payments/{id}/confirm")
	@ApiResponse(responseCode = "200", description = "The payment",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
	@ApiResponse(responseCode = "202", description = "The payment, processing while the acquirer has not answered",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
	ResponseEntity<?> confirm(Caller caller, @PathVariable String id,
			@Valid @RequestBody(required = false) ConfirmPaymentRequest request) {
		PaymentAuthorizer.Attempt attempt = this.authorizer.confirm(caller, id,
				(request == null) ? new ConfirmPaymentRequest(null) : request);
		return PaymentResponses.afterAttempt(attempt.payment(), HttpStatus.OK, attempt.retryAfter());
	}

}
