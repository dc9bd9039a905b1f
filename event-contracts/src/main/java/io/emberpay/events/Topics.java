package io.emberpay.events;

/**
 * Kafka topics, one per producing service. Records are keyed by aggregate id so that one
 * aggregate's events stay in order within a partition.
 */
public final class Topics {

	public static final String PAYMENTS = "payments.events";

	public static final String AUTH = "auth.events";

	public static final String FRAUD = "fraud.events";

	public static final String LEDGER = "ledger.events";

	public static final String SUBSCRIPTIONS = "subscriptions.events";

	public static final java.util.List<String> ALL = java.util.List.of(PAYMENTS, AUTH, FRAUD, LEDGER, SUBSCRIPTIONS);

	private Topics() {
	}

}
