package io.emberpay.payment.payout;

import jakarta.validation.constraints.NotNull;

/** {@code POST /v1/payouts {"amount", "currency", "destination"?}}. */
record PayoutRequest(@NotNull Long amount, @NotNull String currency, String destination) {
}
