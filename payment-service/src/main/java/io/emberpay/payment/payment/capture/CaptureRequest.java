package io.emberpay.payment.payment.capture;

/** {@code {"amount": 500}}; without an amount the whole authorized amount is captured. */
record CaptureRequest(Long amount) {
}
