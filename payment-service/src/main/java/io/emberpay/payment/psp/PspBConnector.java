package io.emberpay.payment.psp;

import java.net.http.HttpClient;
import java.time.Duration;

/** Acquirer B, reached at {@code /psp-b/v1} of the simulator. */
final class PspBConnector extends SimulatorConnector {

	static final String NAME = "psp-b";

	PspBConnector(HttpClient http, String baseUrl, Duration requestTimeout) {
		super(http, baseUrl, requestTimeout);
	}

	@Override
	public String name() {
		return NAME;
	}

}
