package io.emberpay.payment.payment.authorization;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code {"mfa_code": "123456"}} after a step-up; no body (or no code) after the
 * customer's return from 3-D Secure, whose result the acquirer is then asked for.
 * {@code redirect_result} is what the acquirer appended to the return URL, if anything
 * (Adyen's {@code redirectResult}): with it the acquirer answers at once.
 */
record ConfirmPaymentRequest(@Pattern(regexp = "[0-9]{6,8}", message = "must be 6 to 8 digits") String mfaCode,
		@Size(max = 8192) @Pattern(regexp = "[A-Za-z0-9+/=_%.\\-]*",
				message = "must be the redirectResult as the acquirer gave it") String redirectResult) {

	ConfirmPaymentRequest(String mfaCode) {
		this(mfaCode, null);
	}

}
