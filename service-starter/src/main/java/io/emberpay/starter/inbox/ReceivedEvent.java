package io.emberpay.starter.inbox;

import io.emberpay.events.CloudEvent;
import io.emberpay.events.PlatformEvent;

/**
 * An event taken from Kafka. {@code event} is the typed record, or {@code null} when this
 * build does not know the type (a newer producer); handlers skip what they do not
 * understand.
 */
public record ReceivedEvent(CloudEvent envelope, PlatformEvent event, String topic, int partition, long offset) {
}
