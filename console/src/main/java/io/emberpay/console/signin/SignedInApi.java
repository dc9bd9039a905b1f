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
 * and the call repeated; a team member's five-minute merchant token is asked for again
 * with their own access token (itself renewed the same way when it has expired); a
 * merchant's key has nothing to renew, so its 401 ends the session.
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

	public Map<String, Object> patch(ConsoleSession session, String path, Object body, Object... variables) {
		return renewing(session, bearer -> this.gateway.patch(bearer, path, body, variables));
	}

	public Map<String, Object> put(ConsoleSession session, String path, Object body, Object... variables) {
		return renewing(session, bearer -> this.gateway.put(bearer, path, body, variables));
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
				if (session.member()) {
					try {
						merchantToken(session, session.subject(), session.livemode());
						return true;
					}
					catch (ApiProblem gone) {
						// removed from the team, merchant suspended, or signed out:
						// the console session ends like an expired one
						return false;
					}
				}
				Map<String, Object> tokens = refresh(session);
				if (session.kind() == ConsoleSession.Kind.CHOOSING) {
					session.userRenewed((String) tokens.get("access_token"), (String) tokens.get("refresh_token"));
				}
				else {
					session.renewed((String) tokens.get("access_token"), (String) tokens.get("refresh_token"));
				}
				return true;
			}
			catch (ApiProblem expired) {
				if (!expired.unauthenticated()) {
					throw expired;
				}
				return false;
			}
		}
	}

	/**
	 * A merchant token for the member of {@code session} (member or choosing); answers
	 * the issued token's fields.
	 */
	Map<String, Object> merchantToken(ConsoleSession session, String merchant, boolean livemode) {
		Map<String, Object> issued = asUser(session, bearer -> this.gateway.post(bearer, "/v1/auth/merchant_token",
				Map.of("merchant", merchant, "livemode", livemode), null));
		if (session.member()) {
			session.merchantTokenRenewed((String) issued.get("access_token"), livemode, (String) issued.get("role"));
		}
		return issued;
	}

	/**
	 * A call with a team member's own access token (not the merchant token), renewed once
	 * with their refresh token when it has expired.
	 */
	Map<String, Object> asUser(ConsoleSession session, Function<String, Map<String, Object>> call) {
		try {
			return call.apply(session.userBearer());
		}
		catch (ApiProblem problem) {
			if (!problem.unauthenticated()) {
				throw problem;
			}
			synchronized (session) {
				Map<String, Object> tokens = refresh(session);
				session.userRenewed((String) tokens.get("access_token"), (String) tokens.get("refresh_token"));
			}
			return call.apply(session.userBearer());
		}
	}

	private Map<String, Object> refresh(ConsoleSession session) {
		return this.gateway.post(null, "/v1/auth/token", Map.of("refresh_token", session.refreshToken()), null);
	}

}
