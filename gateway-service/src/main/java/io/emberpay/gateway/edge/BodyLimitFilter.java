package io.emberpay.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import io.emberpay.gateway.config.EdgeProperties;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses bodies over the limit with a 413 before anything reaches a service. A declared
 * {@code Content-Length} is checked up front; a chunked body is read into memory up to
 * the limit first, so an oversized one never half-reaches a service nor counts as a
 * failure of its circuit breaker.
 */
@Component
class BodyLimitFilter implements WebFilter, Ordered {

	private final long maxBodyBytes;

	BodyLimitFilter(EdgeProperties properties) {
		this.maxBodyBytes = properties.maxBodyBytes();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long declared = request.getHeaders().getContentLength();
		if (declared > this.maxBodyBytes) {
			return tooLarge(exchange);
		}
		if (declared >= 0 || !request.getHeaders().containsHeader("Transfer-Encoding")) {
			return chain.filter(exchange);
		}
		ServerWebExchange limited = exchange.mutate().request(new LimitedBody(request, this.maxBodyBytes)).build();
		return ServerWebExchangeUtils
			.cacheRequestBody(limited, cached -> chain.filter(limited.mutate().request(cached).build()))
			.onErrorResume(DataBufferLimitException.class, ex -> tooLarge(exchange));
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		return ProblemWriter.write(exchange, GatewayError.PAYLOAD_TOO_LARGE,
				"Request bodies are limited to " + this.maxBodyBytes + " bytes", null);
	}

	/** A request body that fails as soon as it grows past the limit. */
	private static final class LimitedBody extends ServerHttpRequestDecorator {

		private final long maxBodyBytes;

		LimitedBody(ServerHttpRequest delegate, long maxBodyBytes) {
			super(delegate);
			this.maxBodyBytes = maxBodyBytes;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong read = new AtomicLong();
			return super.getBody().map(buffer -> {
				if (read.addAndGet(buffer.readableByteCount()) > this.maxBodyBytes) {
					DataBufferUtils.release(buffer);
					throw new DataBufferLimitException("Request body exceeds " + this.maxBodyBytes + " bytes");
				}
				return buffer;
			});
		}

	}

}
