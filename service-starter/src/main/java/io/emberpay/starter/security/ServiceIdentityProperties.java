package io.emberpay.starter.security;

import java.net.URI;
import java.time.Duration;

import io.emberpay.starter.keys.DeploymentKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This service's identity towards the others: its name (by default
 * {@code spring.application.name}), the client secret it proves it with at auth-service,
 * and where auth-service issues service tokens. The secret is a deployment key: outside
 * the {@code local} profile a missing or committed one stops the start-up.
 * {@code edgeCaller} is the service whose client address headers are believed (the
 * gateway).
 */
@Validated
@ConfigurationProperties("emberpay.service-identity")
public record ServiceIdentityProperties(@NotBlank String name, @DeploymentKey String clientSecret,
		@NotNull URI tokenUri, @NotNull Duration fetchTimeout, @NotBlank String edgeCaller) {

	public ServiceIdentityProperties {
		if (tokenUri == null) {
			tokenUri = URI.create("http://localhost:8081/internal/v1/service_tokens");
		}
		if (fetchTimeout == null) {
			fetchTimeout = Duration.ofSeconds(2);
		}
		if (edgeCaller == null) {
			edgeCaller = "gateway";
		}
	}

}
