package io.emberpay.starter.security;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What tells a service token from a user's, merchant's or operator's: claim {@code typ} =
 * {@code service}, the calling service as {@code sub} and the called one as the only
 * {@code aud}.
 */
final class ServiceToken {

	static final String TYPE_CLAIM = "typ";

	static final String TYPE = "service";

	private ServiceToken() {
	}

	static boolean is(Jwt jwt) {
		return TYPE.equals(jwt.getClaimAsString(TYPE_CLAIM));
	}

	/**
	 * A service token counts only at the service it names as audience, and a token for
	 * that audience must be a service token; anything else keeps the API audience.
	 */
	static boolean audienceFits(Jwt jwt, String apiAudience, String serviceName) {
		List<String> audience = jwt.getAudience();
		if (audience == null) {
			return false;
		}
		if (is(jwt)) {
			return audience.equals(List.of(serviceName));
		}
		return audience.contains(apiAudience) && !audience.contains(serviceName);
	}

}
