package io.emberpay.notification;

import io.emberpay.starter.problem.ErrorCode;

import org.springframework.http.HttpStatus;

/** The notification service's own problem codes; shared ones live in CommonError. */
public enum NotificationError implements ErrorCode {

	URL_NOT_ALLOWED(HttpStatus.BAD_REQUEST, "Webhook URL not allowed"),
	UNKNOWN_EVENT_TYPE(HttpStatus.BAD_REQUEST, "Unknown event type"),
	ENDPOINT_LIMIT_REACHED(HttpStatus.CONFLICT, "Webhook endpoint limit reached");

	private final HttpStatus status;

	private final String title;

	NotificationError(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

}
