package io.emberpay.payment.payment;

import java.time.Duration;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.problem.ErrorCode;
import io.emberpay.starter.problem.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Turns a payment after an attempt into the HTTP answer api.md asks for: a failed payment
 * is a 402 problem naming the payment (a 503 when no acquirer could be reached), one
 * still waiting for the acquirer's answer is a 202, any other a 2xx with the payment.
 */
public final class PaymentResponses {

	private PaymentResponses() {
	}

	public static ResponseEntity<?> afterAttempt(Payment payment, HttpStatus success, Duration retryAfter) {
		if (payment.status() == PaymentStatus.FAILED) {
			return failed(payment, retryAfter);
		}
		if (payment.status() == PaymentStatus.PROCESSING) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(PaymentView.of(payment));
		}
		return ResponseEntity.status(success).body(PaymentView.of(payment));
	}

	private static ResponseEntity<ProblemDetail> failed(Payment payment, Duration retryAfter) {
		String code = payment.failureCode();
		ErrorCode error;
		String detail;
		if ("fraud_declined".equals(code)) {
			error = PaymentError.FRAUD_DECLINED;
			detail = "The payment was declined by fraud screening.";
		}
		else if ("authentication_required".equals(code)) {
			error = PaymentError.AUTHENTICATION_REQUIRED;
			detail = "The payment needs the customer to authenticate (a step-up, or 3-D Secure at the issuer), which could not happen.";
		}
		else if ("psp_unavailable".equals(code)) {
			error = PaymentError.PSP_UNAVAILABLE;
			detail = "No payment processor could take the payment; nothing was charged. Retry later.";
		}
		else {
			error = PaymentError.CARD_DECLINED;
			detail = "The card was declined (" + code + ").";
		}
		ProblemDetail problem = Problems.body(error, detail, "payment_method");
		problem.setProperty("payment", payment.id());
		if (error == PaymentError.CARD_DECLINED) {
			problem.setProperty("decline_code", code);
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (error == PaymentError.PSP_UNAVAILABLE && retryAfter != null) {
			builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		return builder.body(problem);
	}

}
