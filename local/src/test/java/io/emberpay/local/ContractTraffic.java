package io.emberpay.local;

import java.util.ArrayList;
import java.util.List;

import io.emberpay.local.demo.GatewayClient;

/**
 * Every exchange the end-to-end tests have with the gateway through
 * {@link GatewayClient}, kept from the platform's start so {@link PublicContractTests}
 * can check the whole suite's traffic against the committed OpenAPI document.
 */
final class ContractTraffic {

	private static final List<GatewayClient.Exchange> EXCHANGES = new ArrayList<>();

	private static boolean recording;

	private ContractTraffic() {
	}

	static synchronized void record() {
		if (!recording) {
			recording = true;
			GatewayClient.observeAll(ContractTraffic::add);
		}
	}

	static synchronized List<GatewayClient.Exchange> exchanges() {
		return List.copyOf(EXCHANGES);
	}

	private static synchronized void add(GatewayClient.Exchange exchange) {
		EXCHANGES.add(exchange);
	}

}
