package io.emberpay.gateway.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.gateway.request.RequestIdentity;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the one problem shape of api.md ({@code type, title, status, detail, code,
 * request_id}) for every error the gateway makes itself.
 */
public final class ProblemWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemWriter() {
	}

	public static Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem) {
		return write(exchange, problem.error(), problem.getMessage(), problem.retryAfter(), problem.headers());
	}

	public static Mono<Void> write(ServerWebExchange exchange, GatewayError error, String detail, Duration retryAfter) {
		return write(exchange, error, detail, retryAfter, HttpHeaders.EMPTY);
	}

	public static Mono<Void> write(ServerWebExchange exchange, GatewayError error, String detail, Duration retryAfter,
			HttpHeaders extraHeaders) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(error.status());
		HttpHeaders headers = response.getHeaders();
		// an upstream may have set headers before failing: the problem replaces its
		// answer
		headers.remove(HttpHeaders.CONTENT_LENGTH);
		headers.remove(HttpHeaders.CONTENT_ENCODING);
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(retryAfter))));
		}
		extraHeaders.forEach(headers::put);
		byte[] body = JSON.writeValueAsBytes(body(error, detail, RequestIdentity.of(exchange)));
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	static Map<String, Object> body(GatewayError error, String detail, String requestId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "/errors/" + error.code());
		body.put("title", error.title());
		body.put("status", error.status().value());
		body.put("detail", detail);
		body.put("code", error.code());
		if (requestId != null) {
			body.put("request_id", requestId);
		}
		return body;
	}

	static long ceilSeconds(Duration duration) {
		long seconds = duration.getSeconds();
		return (duration.getNano() > 0) ? seconds + 1 : seconds;
	}

}
