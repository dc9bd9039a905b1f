package io.emberpay.gateway.authentication;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who the edge authenticated: a user ({@code usr_}, from a verified JWT) or a merchant
 * ({@code mer_}, from a verified API key, or from the merchant token a member of its team
 * got for the dashboard: then {@code memberRole} is their role, else null). Services do
 * not read it: they verify the forwarded JWT themselves.
 */
public record Principal(String id, Kind kind, String memberRole) {

	public Principal(String id, Kind kind) {
		this(id, kind, null);
	}

	static final String ATTRIBUTE = Principal.class.getName();

	static final String PINNED_API_VERSION = Principal.class.getName() + ".apiVersion";

	/** The authenticated principal of the exchange, or {@code null} on a public path. */
	public static Principal of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	/**
	 * The API version the exchange's merchant is pinned to, or {@code null}: a user, an
	 * anonymous caller or a merchant without one.
	 */
	public static String pinnedApiVersion(ServerWebExchange exchange) {
		return exchange.getAttribute(PINNED_API_VERSION);
	}

	public enum Kind {

		USER, MERCHANT

	}

}
