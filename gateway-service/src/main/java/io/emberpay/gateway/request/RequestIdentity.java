package io.emberpay.gateway.request;

import org.springframework.web.server.ServerWebExchange;

/** The request id the edge gave this exchange, as carried in {@code X-Request-Id}. */
public final class RequestIdentity {

	public static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIdentity.class.getName();

	private RequestIdentity() {
	}

	/** The exchange's request id, or {@code null} before the edge assigned one. */
	public static String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	/** Gives the exchange its request id; the edge does it once per request. */
	public static void assign(ServerWebExchange exchange, String id) {
		exchange.getAttributes().put(ATTRIBUTE, id);
	}

}
