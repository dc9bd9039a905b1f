package io.emberpay.psp.error;

import org.springframework.http.HttpStatus;

/** The simulator's error catalogue: stable codes a PSP connector can branch on. */
public enum PspError {

	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid_request"),

	MALFORMED_BODY(HttpStatus.BAD_REQUEST, "malformed_body"),

	INVALID_CARD_NUMBER(HttpStatus.BAD_REQUEST, "invalid_card_number"),

	IDEMPOTENCY_KEY_MISSING(HttpStatus.BAD_REQUEST, "idempotency_key_missing"),

	IDEMPOTENCY_KEY_INVALID(HttpStatus.BAD_REQUEST, "idempotency_key_invalid"),

	UNKNOWN_PSP(HttpStatus.NOT_FOUND, "unknown_psp"),

	AUTHORIZATION_NOT_FOUND(HttpStatus.NOT_FOUND, "authorization_not_found"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "not_found"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed"),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable"),

	INVALID_STATE(HttpStatus.CONFLICT, "invalid_state"),

	IDEMPOTENCY_REQUEST_IN_PROGRESS(HttpStatus.CONFLICT, "idempotency_request_in_progress"),

	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),

	IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused"),

	AMOUNT_EXCEEDS_AUTHORIZED(HttpStatus.UNPROCESSABLE_CONTENT, "amount_exceeds_authorized"),

	AMOUNT_EXCEEDS_REFUNDABLE(HttpStatus.UNPROCESSABLE_CONTENT, "amount_exceeds_refundable"),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error"),

	PSP_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "psp_unavailable");

	private final HttpStatus status;

	private final String code;

	PspError(HttpStatus status, String code) {
		this.status = status;
		this.code = code;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public ErrorBody body(String message) {
		return new ErrorBody(this.status.value(), this.code, message);
	}

}
