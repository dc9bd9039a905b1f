package io.emberpay.payment.payment.authorization;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"mfa_code": "123456"}}. */
record ConfirmPaymentRequest(
		@NotNull @Pattern(regexp = "[0-9]{6,8}", message = "must be 6 to 8 digits") String mfaCode) {
}
