package io.emberpay.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

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

	public record ServiceEndpoint(URI url, Duration timeout) {
	}

}
