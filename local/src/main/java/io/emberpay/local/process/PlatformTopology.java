package io.emberpay.local.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which processes make up the platform and on which ports; the local run uses the
 * documented ports, tests pick free ones so they never collide with a platform already
 * running.
 */
public record PlatformTopology(List<ServiceSpec> services, int postgresPort, int kafkaPort, int kafkaControllerPort) {

	public static final List<String> DATABASES = List.of("auth", "payment", "fraud", "ledger", "notification",
			"subscription");

	public static PlatformTopology standard() {
		return new PlatformTopology(
				services(Map.of("gateway", 8080, "auth", 8081, "payment", 8082, "fraud", 8083, "ledger", 8084,
						"notification", 8085, "subscription", 8086, "psp-simulator", 8090, "console", 8087)),
				5433, 9092, 9093);
	}

	/** The same topology on free loopback ports. */
	public static PlatformTopology freePorts() {
		return new PlatformTopology(services(Map.of("gateway", freePort(), "auth", freePort(), "payment", freePort(),
				"fraud", freePort(), "ledger", freePort(), "notification", freePort(), "subscription", freePort(),
				"psp-simulator", freePort(), "console", freePort())), freePort(), freePort(), freePort());
	}

	private static List<ServiceSpec> services(Map<String, Integer> ports) {
		List<ServiceSpec> services = new ArrayList<>();
		services.add(new ServiceSpec("psp-simulator", "psp-simulator", ports.get("psp-simulator"), null,
				"/actuator/health"));
		for (String name : DATABASES) {
			services.add(new ServiceSpec(name, name + "-service", ports.get(name), name, "/actuator/health/readiness"));
		}
		services.add(new ServiceSpec("gateway", "gateway-service", ports.get("gateway"), null, "/actuator/health"));
		// served by the gateway under /console, and under the same path on its own port
		services.add(new ServiceSpec("console", "console", ports.get("console"), null,
				"/console/actuator/health/readiness"));
		return List.copyOf(services);
	}

	public ServiceSpec service(String name) {
		return this.services.stream()
			.filter(s -> s.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no service " + name));
	}

	public String gatewayUrl() {
		return service("gateway").url();
	}

	/**
	 * Command-line settings for one service: where its database, the broker and its peers
	 * are.
	 */
	public List<String> arguments(ServiceSpec service, String kafkaBootstrap, List<String> extra) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + service.port());
		args.add("--spring.profiles.active=local");
		for (String peer : DATABASES) {
			if (!peer.equals(service.name())) {
				args.add("--emberpay.services." + peer + ".url=" + service(peer).url());
			}
		}
		if (service.name().equals("payment")) {
			// payment-service reaches both simulated acquirers under one base URL
			args.add("--emberpay.psp.base-url=" + service("psp-simulator").url());
		}
		if (service.name().equals("gateway")) {
			args.add("--emberpay.services.console.url=" + service("console").url());
		}
		if (service.name().equals("console")) {
			// the console calls the public API as its users do: through the gateway
			args.add("--emberpay.console.gateway-url=" + gatewayUrl());
		}
		if (service.name().equals("ledger")) {
			// reconciliation fetches the acquirers' settlement files
			args.add("--emberpay.services.psp-simulator.url=" + service("psp-simulator").url());
		}
		if (service.name().equals("psp-simulator")) {
			// the acquirers' webhooks (3-D Secure results, bank debits) reach
			// payment-service through the
			// gateway, as a real acquirer's would; challenge pages are where the platform
			// reached them
			args.add("--emberpay.psp.webhooks.url=" + gatewayUrl() + "/v1/psp_webhooks");
		}
		if (service.database() != null) {
			args.add("--spring.datasource.url=jdbc:postgresql://localhost:" + this.postgresPort + "/"
					+ service.database());
			args.add("--spring.datasource.username=postgres");
			args.add("--spring.datasource.password=postgres");
			args.add("--emberpay.kafka.bootstrap-servers=" + kafkaBootstrap);
			args.add("--emberpay.security.jwks-uri=" + service("auth").url() + "/.well-known/jwks.json");
		}
		args.addAll(extra);
		return args;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

}
