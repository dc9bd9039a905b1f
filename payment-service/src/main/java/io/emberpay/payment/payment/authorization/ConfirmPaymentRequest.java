package io.emberpay.payment.payment.authorization;

import jakarta.validation.constraints.Pattern;

/**
 * {@code {"mfa_code": "123456"}} after a step-up; no body (or no code) after the
 * customer's return from 3-D Secure, whose result the acquirer is then asked for.
 */
record ConfirmPaymentRequest(@Pattern(regexp = "[0-9]{6,8}", message = "must be 6 to 8 digits") String mfaCode) {
}
