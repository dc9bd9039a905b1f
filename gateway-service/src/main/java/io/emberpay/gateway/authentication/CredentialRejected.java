package io.emberpay.gateway.authentication;

import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.GatewayProblem;

import org.springframework.http.HttpHeaders;

/**
 * A 401: the credential is missing, malformed, forged, expired or revoked. The detail
 * never says which check failed, so a forger learns nothing from it.
 */
final class CredentialRejected {

	private CredentialRejected() {
	}

	static GatewayProblem missing() {
		return problem("Send Authorization: Bearer with an access token or a secret API key");
	}

	static GatewayProblem invalid() {
		return problem("The credential is invalid, expired or revoked");
	}

	private static GatewayProblem problem(String detail) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"emberpay\"");
		return new GatewayProblem(GatewayError.UNAUTHENTICATED, detail, null, headers);
	}

}
