package io.emberpay.payment.psp;

import tools.jackson.databind.JsonNode;

/**
 * Reads the simulator acquirers' authorization objects, as their API and webhooks give
 * them.
 */
public final class SimulatorEvents {

	private SimulatorEvents() {
	}

	public static PspAuthorization authorization(JsonNode object) {
		return SimulatorConnector.authorization(object);
	}

}
