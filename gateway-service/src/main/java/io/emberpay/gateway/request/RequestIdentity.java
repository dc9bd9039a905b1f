package io.emberpay.gateway.edge;

import org.springframework.web.server.ServerWebExchange;

/** The request id the edge gave this exchange, as carried in {@code X-Request-Id}. */
public final class RequestIdentity {

	public static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIdentity.class.getName();

	private RequestIdentity() {
	}

	/** The exchange's request id, or {@code null} before the edge assigned one. */
	public static String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

}
