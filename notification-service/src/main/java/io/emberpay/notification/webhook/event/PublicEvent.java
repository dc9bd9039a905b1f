package io.emberpay.notification.webhook.event;

import java.time.Instant;

/**
 * A platform event as a merchant sees it: its webhook body, fixed once, plus what we
 * route and filter on. It goes only to endpoints of its {@code livemode}; a {@code null}
 * mode (events stored before every type carried one) counts as test.
 */
public record PublicEvent(String id, String merchant, String type, Boolean livemode, Instant created, String body) {
}
