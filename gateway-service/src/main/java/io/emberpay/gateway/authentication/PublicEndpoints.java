package io.emberpay.gateway.authentication;

import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * The endpoints of api.md that anyone may call without credentials. Everything else
 * routed by the gateway needs a user token or a merchant key.
 */
public final class PublicEndpoints {

	/**
	 * Acquirers' webhooks carry no credential of ours: payment-service verifies each
	 * acquirer's own signature.
	 */
	private static final Set<String> ANONYMOUS_POSTS = Set.of("/v1/auth/signup", "/v1/auth/login",
			"/v1/auth/mfa/verify", "/v1/auth/token", "/v1/merchants", "/v1/psp_webhooks/stripe",
			"/v1/psp_webhooks/adyen", "/v1/psp_webhooks/psp-a", "/v1/psp_webhooks/psp-b", "/v1/auth/password/forgot",
			"/v1/auth/password/reset", "/v1/auth/email/verify");

	private static final String JWKS = "/.well-known/jwks.json";

	private PublicEndpoints() {
	}

	/**
	 * The console's pages: it signs its people in itself and keeps their credentials in
	 * its server-side session, calling the API back through this gateway with them. A
	 * browser's request carries only the console's session cookie, never a bearer
	 * credential, so there is nothing to verify here.
	 */
	public static boolean isConsole(String path) {
		return path.equals("/console") || path.startsWith("/console/");
	}

	public static boolean isPublic(HttpMethod method, String path) {
		if (isConsole(path)) {
			return true;
		}
		if (HttpMethod.POST.equals(method)) {
			return ANONYMOUS_POSTS.contains(path);
		}
		return HttpMethod.GET.equals(method) && JWKS.equals(path);
	}

}
