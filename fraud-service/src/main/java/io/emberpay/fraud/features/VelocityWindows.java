package io.emberpay.fraud.features;

/**
 * Earlier attempts of one key (a user, card, device or IP) in each window: how many, and
 * their amount in the attempt's currency. The attempt being scored is not included.
 */
public record VelocityWindows(long countMinute, long countHour, long countDay, long amountMinute, long amountHour,
		long amountDay) {

	public static final VelocityWindows NONE = new VelocityWindows(0, 0, 0, 0, 0, 0);

	public long count(Window window) {
		return switch (window) {
			case MINUTE -> this.countMinute;
			case HOUR -> this.countHour;
			case DAY -> this.countDay;
		};
	}

	public long amount(Window window) {
		return switch (window) {
			case MINUTE -> this.amountMinute;
			case HOUR -> this.amountHour;
			case DAY -> this.amountDay;
		};
	}

}
