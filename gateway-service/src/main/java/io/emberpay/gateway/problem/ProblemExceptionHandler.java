package io.emberpay.gateway.problem;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every failure that reaches the edge as an RFC 9457 problem. Runs before Spring
 * Boot's own handler, so no HTML or Whitelabel body ever leaves the gateway.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private static final Duration RETRY_UNAVAILABLE = Duration.ofSeconds(5);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof GatewayProblem problem) {
			return ProblemWriter.write(exchange, problem);
		}
		if (ex instanceof DataBufferLimitException) {
			return ProblemWriter.write(exchange, GatewayError.PAYLOAD_TOO_LARGE, "Request body too large", null);
		}
		if (ex instanceof ResponseStatusException status) {
			return ProblemWriter.write(exchange, forStatus(status.getStatusCode()), detail(status.getStatusCode()),
					status.getStatusCode().is5xxServerError() ? RETRY_UNAVAILABLE : null);
		}
		log.error("Unhandled exception at the edge", ex);
		return ProblemWriter.write(exchange, GatewayError.INTERNAL_ERROR, "Something went wrong on our side", null);
	}

	private static GatewayError forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> GatewayError.UNAUTHENTICATED;
			case 403 -> GatewayError.FORBIDDEN;
			case 404 -> GatewayError.NOT_FOUND;
			case 405 -> GatewayError.METHOD_NOT_ALLOWED;
			case 406 -> GatewayError.NOT_ACCEPTABLE;
			case 413 -> GatewayError.PAYLOAD_TOO_LARGE;
			case 415 -> GatewayError.UNSUPPORTED_MEDIA_TYPE;
			case 429 -> GatewayError.RATE_LIMITED;
			case 502, 503, 504 -> GatewayError.SERVICE_UNAVAILABLE;
			default -> status.is4xxClientError() ? GatewayError.INVALID_REQUEST : GatewayError.INTERNAL_ERROR;
		};
	}

	private static String detail(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> "No such path";
			case 405 -> "This method is not supported here";
			case 502, 503, 504 -> "The service behind this path is not answering; retry later";
			default -> "The request cannot be served";
		};
	}

}
