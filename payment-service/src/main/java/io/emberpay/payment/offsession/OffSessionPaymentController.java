package io.emberpay.payment.offsession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.payment.PaymentResponses;
import io.emberpay.payment.payment.authorization.OffSessionCharge;
import io.emberpay.payment.payment.authorization.PaymentAuthorizer;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.InternalCallers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/off_session_payments}: another platform service (subscription
 * renewals) charges a user's saved method for a merchant under the user's consent.
 * Idempotent by the caller's key per merchant: the key is stored with the payment in one
 * transaction, so a repeat answers the payment as it stands and never charges again; the
 * same key with another request is a 422.
 */
@RestController
class OffSessionPaymentController {

	private final PaymentAuthorizer authorizer;

	private final PaymentRepository payments;

	private final JdbcClient jdbc;

	OffSessionPaymentController(PaymentAuthorizer authorizer, PaymentRepository payments, JdbcClient jdbc) {
		this.authorizer = authorizer;
		this.payments = payments;
		this.jdbc = jdbc;
	}

	@InternalCallers("subscription-service")
	@PostMapping("/internal/v1/off_session_payments")
	ResponseEntity<?> charge(@Valid @RequestBody Request request) {
		String hash = hash(request);
		Optional<Map<String, Object>> earlier = this.jdbc
			.sql("select request_hash, payment_id from off_session_charge where merchant = ? and idempotency_key = ?")
			.params(request.merchant(), request.idempotencyKey())
			.query()
			.listOfRows()
			.stream()
			.findFirst();
		if (earlier.isPresent()) {
			return replay(earlier.get(), hash);
		}
		OffSessionCharge charge = new OffSessionCharge(request.merchant(), request.customer(), request.paymentMethod(),
				request.amount(), request.currency(), request.description(), request.metadata(),
				Boolean.TRUE.equals(request.livemode()));
		PaymentAuthorizer.Attempt attempt = this.authorizer.createOffSession(charge, null,
				paymentId -> this.jdbc.sql("""
						insert into off_session_charge (merchant, idempotency_key, request_hash, payment_id)
						values (?, ?, ?, ?)""")
					.params(request.merchant(), request.idempotencyKey(), hash, paymentId)
					.update());
		return PaymentResponses.afterAttempt(attempt.payment(), HttpStatus.CREATED, attempt.retryAfter());
	}

	private ResponseEntity<?> replay(Map<String, Object> earlier, String hash) {
		if (!hash.equals(earlier.get("request_hash"))) {
			throw new ApiException(CommonError.IDEMPOTENCY_KEY_REUSED,
					"This idempotency_key was used with a different charge", "idempotency_key");
		}
		String paymentId = (String) earlier.get("payment_id");
		Payment payment = this.payments.find(paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
		return PaymentResponses.afterAttempt(payment, HttpStatus.OK, null);
	}

	private static String hash(Request request) {
		String canonical = String.join("\n", request.merchant(), request.customer(), request.paymentMethod(),
				String.valueOf(request.amount()), String.valueOf(request.currency()),
				String.valueOf(Boolean.TRUE.equals(request.livemode())));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Request(@NotNull @Size(max = 64) String merchant, @NotNull @Size(max = 64) String customer,
			@NotNull @Size(max = 64) String paymentMethod, @NotNull Long amount, @NotNull String currency,
			@NotNull @Size(min = 1, max = 255) String idempotencyKey, @Size(max = 1000) String description,
			@Size(max = 50) Map<String, String> metadata, Boolean livemode) {
	}

}
