package io.emberpay.payment.payment.capture;

import io.emberpay.payment.payment.PaymentView;
import io.emberpay.starter.security.Caller;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaptureController {

	private final PaymentCapture capture;

	CaptureController(PaymentCapture capture) {
		this.capture = capture;
	}

	@PostMapping("/v1/payments/{id}/capture")
	PaymentView capture(Caller caller, @PathVariable String id, @RequestBody(required = false) CaptureRequest request) {
		return PaymentView.of(this.capture.capture(caller, id, (request == null) ? null : request.amount()));
	}

	@PostMapping("/v1/payments/{id}/cancel")
	PaymentView cancel(Caller caller, @PathVariable String id) {
		return PaymentView.of(this.capture.cancel(caller, id));
	}

}
