package io.emberpay.gateway.problem;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * The errors the gateway itself answers. Codes and titles are those of service-starter's
 * {@code CommonError}, so a client sees one catalogue whether the gateway or a service
 * refused it.
 */
public enum GatewayError {

	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"), FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed"),
	NOT_FOUND(HttpStatus.NOT_FOUND, "Resource not found"),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
	SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private final HttpStatus status;

	private final String title;

	GatewayError(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

}
