package io.emberpay.notification.notice;

/**
 * Which notices a user wants on which channel. Everyone starts with everything on.
 */
public record NotificationPreferences(String object, boolean receiptsEmail, boolean receiptsPush, boolean alertsEmail,
		boolean alertsPush) {

	static final NotificationPreferences DEFAULTS = new NotificationPreferences("notification_preferences", true, true,
			true, true);

	boolean wants(String category, String channel) {
		return switch (category + "/" + channel) {
			case "receipt/email" -> this.receiptsEmail;
			case "receipt/push" -> this.receiptsPush;
			case "alert/email" -> this.alertsEmail;
			case "alert/push" -> this.alertsPush;
			default -> throw new IllegalArgumentException(category + "/" + channel);
		};
	}

}
