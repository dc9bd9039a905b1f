package io.emberpay.gateway.authentication;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who the edge authenticated: a user ({@code usr_}, from a verified JWT) or a merchant
 * ({@code mer_}, from a verified API key). Services do not read it: they verify the
 * forwarded JWT themselves.
 */
public record Principal(String id, Kind kind) {

	static final String ATTRIBUTE = Principal.class.getName();

	/** The authenticated principal of the exchange, or {@code null} on a public path. */
	public static Principal of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	public enum Kind {

		USER, MERCHANT

	}

}
