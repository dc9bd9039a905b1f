package io.emberpay.subscription;

import io.emberpay.starter.problem.ErrorCode;

import org.springframework.http.HttpStatus;

/** The subscription service's own problem codes; shared ones live in CommonError. */
public enum SubscriptionError implements ErrorCode {

	SUBSCRIPTION_EXISTS(HttpStatus.CONFLICT, "Already subscribed"),
	SUBSCRIPTION_STATE_CONFLICT(HttpStatus.CONFLICT, "Subscription state does not allow this"),
	PRICE_MISMATCH(HttpStatus.BAD_REQUEST, "Price cannot replace the current one"),
	STORE_NOTIFICATION_UNVERIFIED(HttpStatus.UNAUTHORIZED, "Store notification not verified");

	private final HttpStatus status;

	private final String title;

	SubscriptionError(HttpStatus status, String title) {
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
