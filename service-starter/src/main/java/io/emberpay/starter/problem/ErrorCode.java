package io.emberpay.starter.problem;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * A stable, machine-readable error code of the public API. Each service keeps its own
 * catalogue as an enum implementing this interface; {@link CommonError} holds the codes
 * every service uses.
 */
public interface ErrorCode {

	/**
	 * The {@code code} member of the problem, e.g. {@code card_declined}: for an enum
	 * catalogue, the constant's name in lower case.
	 */
	default String code() {
		if (this instanceof Enum<?> constant) {
			return constant.name().toLowerCase(Locale.ROOT);
		}
		throw new IllegalStateException(getClass() + " must name its error code");
	}

	HttpStatus status();

	/** Short human-readable summary, the same for every occurrence. */
	String title();

}
