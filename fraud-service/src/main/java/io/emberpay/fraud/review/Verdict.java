package io.emberpay.fraud.review;

import java.util.Arrays;
import java.util.Optional;

/** An operator's verdict on a payment in review. */
enum Verdict {

	APPROVE("approve", "approved"), DECLINE("decline", "declined");

	private final String code;

	private final String status;

	Verdict(String code, String status) {
		this.code = code;
		this.status = status;
	}

	String code() {
		return this.code;
	}

	/** The review's status once this verdict is given. */
	String status() {
		return this.status;
	}

	static Optional<Verdict> fromCode(String code) {
		return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
	}

	static Verdict fromAction(String auditAction) {
		return fromCode(auditAction.substring("review.".length())).orElseThrow();
	}

}
