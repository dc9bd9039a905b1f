package io.emberpay.local.process;

/**
 * One process of the platform: its module (whose executable jar runs it), port, database
 * (or {@code null}) and the path that answers 200 once it is ready for traffic.
 */
public record ServiceSpec(String name, String module, int port, String database, String readinessPath) {

	public String url() {
		return "http://localhost:" + this.port;
	}

}
