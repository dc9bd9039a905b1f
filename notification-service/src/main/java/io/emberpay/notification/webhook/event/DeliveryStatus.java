package io.emberpay.notification.webhook.event;

import java.util.Locale;

import io.emberpay.starter.problem.ApiException;

/** An event's delivery state across its endpoints, and the list filter on it. */
enum DeliveryStatus {

	/** Every delivery acknowledged. */
	DELIVERED("count(d.id) > 0 and count(d.id) = count(d.id) filter (where d.state = 'succeeded')"),
	/** Some delivery still being retried. */
	PENDING("count(d.id) filter (where d.state = 'pending') > 0"),
	/** Some delivery exhausted its retries; redeliver to try again. */
	FAILED("count(d.id) filter (where d.state = 'failed') > 0"),
	/** Pending or failed: the merchant has not got it yet. */
	UNDELIVERED("count(d.id) filter (where d.state in ('pending', 'failed')) > 0"),
	/** No endpoint was subscribed. */
	NONE("count(d.id) = 0");

	private final String having;

	DeliveryStatus(String having) {
		this.having = having;
	}

	String having() {
		return this.having;
	}

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static DeliveryStatus parse(String value) {
		if (value == null) {
			return null;
		}
		for (DeliveryStatus status : values()) {
			if (status.value().equals(value)) {
				return status;
			}
		}
		throw ApiException.invalid("delivery_status",
				"delivery_status must be one of delivered, pending, failed, undelivered, none");
	}

	static DeliveryStatus of(long total, long succeeded, long pending, long failed) {
		if (failed > 0) {
			return FAILED;
		}
		if (pending > 0) {
			return PENDING;
		}
		return (total > 0 && succeeded == total) ? DELIVERED : NONE;
	}

}
