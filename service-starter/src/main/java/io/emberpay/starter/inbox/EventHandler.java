package io.emberpay.starter.inbox;

/**
 * Applies one event. Runs inside the consumer's database transaction, after the event id
 * was recorded as processed; throwing rolls both back and the event is retried.
 */
@FunctionalInterface
public interface EventHandler {

	void handle(ReceivedEvent event);

}
