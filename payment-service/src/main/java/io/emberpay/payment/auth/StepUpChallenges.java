package io.emberpay.payment.auth;

import java.time.Duration;

import io.emberpay.payment.PaymentError;
import io.emberpay.starter.internal.ServiceRefused;
import io.emberpay.starter.internal.ServiceUnreachable;
import io.emberpay.starter.problem.ApiException;

import org.springframework.stereotype.Component;

/**
 * Step-up (MFA) challenges for payments fraud screening asked to review, via
 * auth-service.
 */
@Component
public class StepUpChallenges {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final AuthServiceApi auth;

	StepUpChallenges(AuthServiceApi auth) {
		this.auth = auth;
	}

	/** Opens a challenge; answers false when the user has no MFA to challenge with. */
	public boolean open(String userId, String paymentId) {
		try {
			this.auth.openStepUp(new AuthServiceApi.StepUpRequest(userId, paymentId));
			return true;
		}
		catch (ServiceRefused ex) {
			if (ex.status() == 409 && "mfa_not_enrolled".equals(ex.code())) {
				return false;
			}
			throw unavailable();
		}
		catch (ServiceUnreachable ex) {
			throw unavailable();
		}
	}

	public boolean verify(String userId, String paymentId, String code) {
		try {
			AuthServiceApi.StepUpVerdict verdict = this.auth
				.verifyStepUp(new AuthServiceApi.StepUpCode(userId, paymentId, code));
			return verdict != null && verdict.verified();
		}
		catch (ServiceRefused ex) {
			if (ex.status() == 400 || ex.status() == 404 || ex.status() == 409) {
				return false;
			}
			throw unavailable();
		}
		catch (ServiceUnreachable ex) {
			throw unavailable();
		}
	}

	private static ApiException unavailable() {
		return new ApiException(PaymentError.AUTH_SERVICE_UNAVAILABLE,
				"Could not reach step-up authentication right now; retry shortly", null, RETRY_AFTER);
	}

}
