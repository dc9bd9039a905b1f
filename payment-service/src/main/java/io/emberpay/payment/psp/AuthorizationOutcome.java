package io.emberpay.payment.psp;

import java.time.Duration;

/**
 * What routing an authorization produced. {@link Unknown} is not a failure: the acquirer
 * may hold an authorization, which the janitor settles later by idempotency key.
 */
public sealed interface AuthorizationOutcome {

	record Approved(String psp, PspAuthorization authorization) implements AuthorizationOutcome {
	}

	record Declined(String psp, PspAuthorization authorization) implements AuthorizationOutcome {
	}

	record Unknown(String psp) implements AuthorizationOutcome {
	}

	/** Every acquirer refused or was out of reach: nothing was authorized anywhere. */
	record Unavailable(Duration retryAfter) implements AuthorizationOutcome {
	}

	/** The acquirer refused the request itself as malformed: nothing was authorized. */
	record Rejected(String psp) implements AuthorizationOutcome {
	}

}
