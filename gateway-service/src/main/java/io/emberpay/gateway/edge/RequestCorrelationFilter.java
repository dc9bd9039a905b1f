package io.emberpay.gateway.edge;

import java.util.regex.Pattern;

import io.emberpay.events.ResourceIds;
import io.emberpay.gateway.request.RequestIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id} (a well-formed one from the client is kept,
 * anything else replaced by a new {@code req_} id) and a W3C {@code traceparent}, sends
 * both upstream (written by {@link ClientAddressFilter}, which rewrites the request's
 * headers once for every edge filter) and answers the request id on every response,
 * errors included. Each request leaves one access-log line carrying both ids, so a
 * payment's trace can be followed from the edge into every service's logs.
 */
@Component
class RequestCorrelationFilter implements WebFilter, Ordered {

	/**
	 * One line per request, with ids only: never bodies, query strings or credentials.
	 */
	private static final Logger accessLog = LoggerFactory.getLogger("io.emberpay.access");

	private static final String UPSTREAM = RequestCorrelationFilter.class.getName();

	/**
	 * The same rule service-starter applies, so a service echoes what the gateway sent.
	 */
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String requestId = request.getHeaders().getFirst(RequestIdentity.HEADER);
		if (requestId == null || !WELL_FORMED.matcher(requestId).matches()) {
			requestId = ResourceIds.next("req");
		}
		String traceParent = TraceParent.continued(request.getHeaders().getFirst(TraceParent.HEADER));
		boolean newTrace = traceParent == null;
		String outgoingTrace = newTrace ? TraceParent.started() : traceParent;
		String id = requestId;
		RequestIdentity.assign(exchange, id);
		exchange.getResponse().getHeaders().set(RequestIdentity.HEADER, id);
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(RequestIdentity.HEADER, id);
			return Mono.empty();
		});
		exchange.getAttributes().put(UPSTREAM, new Upstream(id, outgoingTrace, newTrace));
		long started = System.nanoTime();
		return chain.filter(exchange)
			.doFinally(signal -> accessLog.atInfo()
				.addKeyValue("request_id", id)
				.addKeyValue("trace_id", TraceParent.traceId(outgoingTrace))
				.log("{} {} {} {}ms request_id={} trace_id={}", request.getMethod(), request.getPath().value(),
						exchange.getResponse().getStatusCode(), (System.nanoTime() - started) / 1_000_000, id,
						TraceParent.traceId(outgoingTrace)));
	}

	/**
	 * Writes the correlation headers decided for {@code exchange} into the headers it
	 * sends upstream.
	 */
	static void forwardUpstream(ServerWebExchange exchange, HttpHeaders headers) {
		Upstream upstream = exchange.getAttribute(UPSTREAM);
		if (upstream != null) {
			headers.set(RequestIdentity.HEADER, upstream.requestId());
			headers.set(TraceParent.HEADER, upstream.traceParent());
			if (upstream.newTrace()) {
				headers.remove(TraceParent.STATE_HEADER);
			}
		}
	}

	/**
	 * What a service is told about the request: its id, and the trace hop the gateway is;
	 * a new trace drops the caller's {@code tracestate}.
	 */
	private record Upstream(String requestId, String traceParent, boolean newTrace) {
	}

}
