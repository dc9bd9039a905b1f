package io.emberpay.gateway.authentication;

import java.util.List;
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

	private static final String MERCHANT_SIGNUP = "/v1/merchants";

	/**
	 * The app stores' server notifications, one path per merchant
	 * ({@code .../{merchant}}): subscription-service verifies each store's own signature
	 * or token.
	 */
	private static final List<String> STORE_NOTIFICATIONS = List.of("/v1/app_store/notifications/",
			"/v1/google_play/notifications/");

	/**
	 * Google's Pub/Sub push carries Google's token as its bearer, for the service to
	 * verify.
	 */
	private static final String GOOGLE_PUSH = "/v1/google_play/notifications/";

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
			return ANONYMOUS_POSTS.contains(path) || isStoreNotification(path);
		}
		return HttpMethod.GET.equals(method) && JWKS.equals(path);
	}

	/**
	 * Merchant sign-up takes anyone, and a user's own token too: that user becomes the
	 * new merchant's first admin. Such a token is verified like on any other path.
	 */
	public static boolean takesOptionalUser(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && MERCHANT_SIGNUP.equals(path);
	}

	/**
	 * A public path whose {@code Authorization} is another party's bearer token, passed
	 * on for the service to verify rather than dropped as a stale one of ours.
	 */
	public static boolean keepsForeignBearer(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.startsWith(GOOGLE_PUSH) && isStoreNotification(path);
	}

	private static boolean isStoreNotification(String path) {
		for (String prefix : STORE_NOTIFICATIONS) {
			if (path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0) {
				return true;
			}
		}
		return false;
	}

}
