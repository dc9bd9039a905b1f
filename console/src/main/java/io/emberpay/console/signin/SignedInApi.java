package io.emberpay.console.signin;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;

import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.gateway.GatewayApi;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriBuilder;

/**
 * The public API as the person of a console session. An operator's access token lives ten
 * minutes: on a 401 it is renewed once with the session's refresh token (which rotates)
 * and the call repeated; a merchant's key has nothing to renew, so its 401 ends the
 * session.
 */
@Component
public class SignedInApi {

	private final GatewayApi gateway;

	SignedInApi(GatewayApi gateway) {
		this.gateway = gateway;
	}

	public Map<String, Object> get(ConsoleSession session, Function<UriBuilder, URI> uri) {
		return renewing(session, bearer -> this.gateway.get(bearer, uri));
	}

	public Map<String, Object> get(ConsoleSession session, String path, Object... variables) {
		return renewing(session, bearer -> this.gateway.get(bearer, path, variables));
	}

	public Map<String, Object> post(ConsoleSession session, String path, Object body, String idempotencyKey,
			Object... variables) {
		return renewing(session, bearer -> this.gateway.post(bearer, path, body, idempotencyKey, variables));
	}

	public Map<String, Object> delete(ConsoleSession session, String path, Object... variables) {
		return renewing(session, bearer -> this.gateway.delete(bearer, path, variables));
	}

	private Map<String, Object> renewing(ConsoleSession session, Function<String, Map<String, Object>> call) {
		try {
			return call.apply(session.bearer());
		}
		catch (ApiProblem problem) {
			if (!problem.unauthenticated() || session.refreshToken() == null || !renew(session)) {
				throw problem;
			}
			return call.apply(session.bearer());
		}
	}

	private boolean renew(ConsoleSession session) {
		synchronized (session) {
			try {
				Map<String, Object> tokens = this.gateway.post(null, "/v1/auth/token",
						Map.of("refresh_token", session.refreshToken()), null);
				session.renewed((String) tokens.get("access_token"), (String) tokens.get("refresh_token"));
				return true;
			}
			catch (ApiProblem expired) {
				return false;
			}
		}
	}

}
