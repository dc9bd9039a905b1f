package io.emberpay.starter.idempotency;

import java.util.Optional;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The key a request runs under. {@code fencingToken} proves this request still owns the
 * key; {@code recoveredResource} is what a crashed earlier attempt with the same key had
 * already created, so the retry resumes instead of creating it again.
 */
public record IdempotencyScope(String callerId, String key, String fencingToken, String recoveredResource) {

	static final String ATTRIBUTE = IdempotencyScope.class.getName();

	/** The current request's scope, when it carries an Idempotency-Key. */
	public static Optional<IdempotencyScope> current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) {
			return Optional.empty();
		}
		return Optional
			.ofNullable((IdempotencyScope) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
	}

}
