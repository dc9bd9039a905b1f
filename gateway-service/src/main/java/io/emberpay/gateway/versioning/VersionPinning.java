package io.emberpay.gateway.versioning;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.emberpay.gateway.authentication.Principal;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Once the caller is known: a merchant's request that names no version runs in the
 * version the merchant is pinned to; an answer in an old version gets every later
 * breaking change undone ({@link VersionChanges}) and, when that version is scheduled to
 * go, {@code Deprecation} and {@code Sunset} (RFC 8594) headers.
 */
@Component
class VersionPinning implements GlobalFilter, Ordered {

	/** Set by {@link ApiVersionFilter} on a request that named no version. */
	static final String UNNAMED = VersionPinning.class.getName() + ".unnamed";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public int getOrder() {
		// right after the edge authentication (-200), which finds the merchant
		return -199;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpResponse response = exchange.getResponse();
		String version = response.getHeaders().getFirst(ApiVersions.HEADER);
		if (version == null) {
			return chain.filter(exchange);
		}
		String pinned = Principal.pinnedApiVersion(exchange);
		ServerWebExchange pinnedExchange = exchange;
		if (exchange.getAttribute(UNNAMED) != null && pinned != null && ApiVersions.SUPPORTED.contains(pinned)
				&& !pinned.equals(version)) {
			version = pinned;
			response.getHeaders().set(ApiVersions.HEADER, pinned);
			pinnedExchange = exchange.mutate()
				.request(exchange.getRequest()
					.mutate()
					.headers((headers) -> headers.set(ApiVersions.HEADER, pinned))
					.build())
				.build();
		}
		ApiVersions.retirement(version).ifPresent((retirement) -> {
			response.getHeaders()
				.set("Deprecation", "@" + retirement.deprecated().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
			response.getHeaders()
				.set("Sunset",
						DateTimeFormatter.RFC_1123_DATE_TIME.format(retirement.sunset().atStartOfDay(ZoneOffset.UTC)));
		});
		List<VersionChanges.Change> changes = VersionChanges.after(version);
		if (changes.isEmpty()) {
			return chain.filter(pinnedExchange);
		}
		return chain.filter(pinnedExchange.mutate().response(new OlderShape(response, changes)).build());
	}

	/** The answer with the given changes undone, when it is JSON. */
	private static final class OlderShape extends ServerHttpResponseDecorator {

		private final List<VersionChanges.Change> changes;

		OlderShape(ServerHttpResponse response, List<VersionChanges.Change> changes) {
			super(response);
			this.changes = changes;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			MediaType type = getHeaders().getContentType();
			if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
				return super.writeWith(body);
			}
			return DataBufferUtils.join(Flux.from(body)).flatMap((joined) -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				byte[] shaped = undo(bytes);
				getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
				getHeaders().setContentLength(shaped.length);
				return super.writeWith(Mono.just(bufferFactory().wrap(shaped)));
			});
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).flatMapSequential((part) -> part));
		}

		private byte[] undo(byte[] bytes) {
			try {
				JsonNode answer = JSON.readTree(bytes);
				this.changes.forEach((change) -> change.undo().accept(answer));
				return JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
			}
			catch (JacksonException ex) {
				// not the JSON it claims to be: passed on as it came
				return bytes;
			}
		}

	}

}
