package io.emberpay.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where each service listens ({@code emberpay.services.<name>.url}) and how long the
 * gateway waits for it. The same build runs locally, in compose and in Kubernetes with
 * only these URLs changed.
 */
@Validated
@ConfigurationProperties("emberpay")
public record ServiceDirectory(Map<String, @Valid ServiceEndpoint> services) {

	public ServiceDirectory {
		services = (services == null) ? Map.of() : Map.copyOf(services);
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

	public record ServiceEndpoint(@NotNull URI url, @NotNull Duration timeout) {

		@AssertTrue(message = "timeout must be positive")
		public boolean isTimeoutPositive() {
			return this.timeout == null || (!this.timeout.isNegative() && !this.timeout.isZero());
		}

	}

}
