package io.emberpay.notification.webhook.event;

import java.time.Instant;

/**
 * A platform event as a merchant sees it: its webhook body, fixed once, plus what we
 * route and filter on. {@code livemode} is {@code null} when the source event does not
 * say (it then goes to test and live endpoints alike).
 */
public record PublicEvent(String id, String merchant, String type, Boolean livemode, Instant created, String body) {
}
