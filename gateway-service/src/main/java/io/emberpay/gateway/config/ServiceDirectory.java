package io.emberpay.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each service listens ({@code emberpay.services.<name>.url}) and how long the
 * gateway waits for it. The same build runs locally, in compose and in Kubernetes with
 * only these URLs changed.
 */
@ConfigurationProperties("emberpay")
public record ServiceDirectory(Map<String, ServiceEndpoint> services) {

	public ServiceDirectory {
		services = (services == null) ? Map.of() : Map.copyOf(services);
		services.forEach((name, endpoint) -> {
			if (endpoint.url() == null || endpoint.timeout() == null || endpoint.timeout().isNegative()
					|| endpoint.timeout().isZero()) {
				throw new IllegalArgumentException("emberpay.services." + name + " needs a url and a positive timeout");
			}
		});
	}

	/**
	 * Applications the gateway routes to that are no platform service: the console has no
	 * API document and no service identity, and calls the API back through the gateway
	 * like any browser's client.
	 */
	private static final Set<String> NOT_PLATFORM_SERVICES = Set.of("console");

	/** The platform's API services: those with an API document and a service identity. */
	public List<String> platformServices() {
		return this.services.keySet()
			.stream()
			.filter((name) -> !NOT_PLATFORM_SERVICES.contains(name))
			.sorted()
			.toList();
	}

	public record ServiceEndpoint(URI url, Duration timeout) {
	}

}
