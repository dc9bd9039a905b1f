package io.emberpay.auth.servicetoken;

import java.time.Duration;
import java.util.Map;

import io.emberpay.starter.keys.DeploymentKey;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's services and their client secrets ({@code secrets.<service name>}), and
 * how long a service token lives. Each secret is a deployment key: the local launcher
 * generates them on first start, Kubernetes mounts each service's Secret, and outside the
 * {@code local} profile a missing or committed one stops the start-up.
 */
@Validated
@ConfigurationProperties("emberpay.auth.service-clients")
public record ServiceClientProperties(@NotNull Duration tokenTtl,
		@NotNull @Size(max = 64) Map<String, @DeploymentKey String> secrets) {

	public ServiceClientProperties {
		if (tokenTtl == null) {
			tokenTtl = Duration.ofMinutes(5);
		}
		if (tokenTtl.compareTo(Duration.ofMinutes(15)) > 0 || tokenTtl.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("service tokens live between 1 and 15 minutes");
		}
		secrets = (secrets == null) ? Map.of() : Map.copyOf(secrets);
	}

}
