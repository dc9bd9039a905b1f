package io.emberpay.payment.payout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/** {@code PUT /v1/payout_schedule {"interval", "weekly_anchor"?, "minimum_amount"?}}. */
record PayoutScheduleRequest(
		@NotNull @Pattern(regexp = "manual|daily|weekly", message = "must be manual, daily or weekly") String interval,
		@Pattern(regexp = "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
				message = "must be a day of the week in lower case") String weeklyAnchor,
		@PositiveOrZero @Max(Long.MAX_VALUE / 4) Long minimumAmount) {
}
