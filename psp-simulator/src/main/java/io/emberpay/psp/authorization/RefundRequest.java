package io.emberpay.psp.authorization;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** {@code POST .../refunds}: no amount refunds everything still refundable. */
public record RefundRequest(@Positive Long amount,
		@NotNull @Pattern(regexp = AuthorizeRequest.REFERENCE) String reference) {
}
