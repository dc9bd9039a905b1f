package io.emberpay.payment.payout;

import java.time.Duration;
import java.time.LocalTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Payouts: where the ledger that holds their funds answers ({@code ledgerUrl}, within
 * {@code ledgerTimeout}), how often the tracker asks the acquirer about payouts not yet
 * final ({@code trackInterval}, for payouts untouched for {@code trackAfter}, at most
 * {@code trackBatch} a run), and when (UTC) the scheduler makes daily and weekly payouts.
 */
@Validated
@ConfigurationProperties("emberpay.payouts")
public record PayoutProperties(@NotNull String ledgerUrl, @NotNull Duration ledgerTimeout,
		@NotNull Duration trackInterval, @NotNull Duration trackAfter, @Min(1) @Max(1_000) int trackBatch,
		@NotNull LocalTime scheduleAt) {

	public PayoutProperties {
		if (ledgerTimeout == null) {
			ledgerTimeout = Duration.ofSeconds(2);
		}
		if (trackInterval == null) {
			trackInterval = Duration.ofSeconds(30);
		}
		if (trackAfter == null) {
			trackAfter = Duration.ofSeconds(10);
		}
		if (trackBatch == 0) {
			trackBatch = 100;
		}
		if (scheduleAt == null) {
			scheduleAt = LocalTime.of(6, 0);
		}
	}

}
