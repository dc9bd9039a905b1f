package io.emberpay.payment.auth;

import java.time.Duration;
import java.util.Map;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.InternalApiClient;
import io.emberpay.starter.problem.ApiException;

import org.springframework.stereotype.Component;

/**
 * Step-up (MFA) challenges for payments fraud screening asked to review, via
 * auth-service.
 */
@Component
public class StepUpChallenges {

	private static final String AUTH_SERVICE = "auth-service";

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final InternalApiClient client;

	private final AuthServiceProperties properties;

	StepUpChallenges(InternalApiClient client, AuthServiceProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	/** Opens a challenge; answers false when the user has no MFA to challenge with. */
	public boolean open(String userId, String paymentId) {
		InternalApiClient.Reply reply = call("/internal/v1/step_up/challenges",
				Map.of("user", userId, "payment", paymentId));
		if (reply.status() == 201 || reply.status() == 200) {
			return true;
		}
		if (reply.status() == 409 && "mfa_not_enrolled".equals(reply.text("code"))) {
			return false;
		}
		throw unavailable();
	}

	public boolean verify(String userId, String paymentId, String code) {
		InternalApiClient.Reply reply = call("/internal/v1/step_up/verify",
				Map.of("user", userId, "payment", paymentId, "code", code));
		if (reply.status() == 200 && reply.json() != null) {
			return reply.json().path("verified").asBoolean(false);
		}
		if (reply.status() == 400 || reply.status() == 404 || reply.status() == 409) {
			return false;
		}
		throw unavailable();
	}

	private InternalApiClient.Reply call(String path, Map<String, String> body) {
		try {
			return this.client.post(AUTH_SERVICE, this.properties.url() + path, body, this.properties.timeout());
		}
		catch (InternalApiClient.Unreachable ex) {
			throw unavailable();
		}
	}

	private static ApiException unavailable() {
		return new ApiException(PaymentError.AUTH_SERVICE_UNAVAILABLE,
				"Could not reach step-up authentication right now; retry shortly", null, RETRY_AFTER);
	}

}
