package io.emberpay.starter.security;

import java.io.IOException;
import java.time.Duration;

import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.problem.ErrorCode;
import io.emberpay.starter.problem.Problems;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** 401 and 403 answers in the same problem+json shape as every other error. */
final class ProblemAuthenticationHandlers {

	private ProblemAuthenticationHandlers() {
	}

	static AuthenticationEntryPoint unauthenticated() {
		return (request, response, ex) -> write(response, CommonError.UNAUTHENTICATED,
				"A valid access token or API key is required");
	}

	/**
	 * A token that could not be checked because the key service did not answer is our
	 * outage, not the caller's fault: 503 with {@code Retry-After}, never a 500 and never
	 * a misleading 401.
	 */
	static AuthenticationFailureHandler failed() {
		return (request, response, ex) -> {
			if (ex instanceof AuthenticationServiceException) {
				Problems.write(response, CommonError.SERVICE_UNAVAILABLE,
						"Credentials cannot be checked right now; retry shortly", Duration.ofSeconds(2));
			}
			else {
				write(response, CommonError.UNAUTHENTICATED, "A valid access token or API key is required");
			}
		};
	}

	static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response, CommonError.FORBIDDEN,
				"The credentials do not allow this request");
	}

	private static void write(HttpServletResponse response, ErrorCode error, String detail) throws IOException {
		if (error == CommonError.UNAUTHENTICATED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		Problems.write(response, error, detail, null);
	}

}
