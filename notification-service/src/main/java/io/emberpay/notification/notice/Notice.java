package io.emberpay.notification.notice;

/**
 * A receipt or alert ready to go out on one channel to one recipient ({@code usr_...} or
 * {@code mer_...}).
 */
public record Notice(String id, String recipient, String channel, String kind, String subject, String body) {
}
