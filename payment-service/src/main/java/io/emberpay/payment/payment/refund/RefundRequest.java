package io.emberpay.payment.payment.refund;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"payment": "pay_…", "amount": 500, "reason": "requested_by_customer"}}. */
record RefundRequest(@NotNull String payment, Long amount,
		@Pattern(regexp = "duplicate|fraudulent|requested_by_customer",
				message = "must be duplicate, fraudulent or requested_by_customer") String reason) {
}
