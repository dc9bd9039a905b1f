package io.emberpay.payment.psp;

import java.net.http.HttpClient;
import java.time.Duration;

/** Acquirer A, reached at {@code /psp-a/v1} of the simulator. */
final class PspAConnector extends SimulatorConnector {

	static final String NAME = "psp-a";

	PspAConnector(HttpClient http, String baseUrl, Duration requestTimeout) {
		super(http, baseUrl, requestTimeout);
	}

	@Override
	public String name() {
		return NAME;
	}

}
