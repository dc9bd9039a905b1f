package io.emberpay.gateway.identity;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's identity towards the services (docs/decisions/service-identity.md): the
 * name their allow-lists know it by, its client secret at auth-service (from the
 * deployment's secret store; the local launcher generates one, so none is committed and a
 * start without one fails naming {@code emberpay.service-identity.client-secret}), and
 * where auth-service issues service tokens.
 */
@Validated
@ConfigurationProperties("emberpay.service-identity")
public record GatewayIdentityProperties(@NotBlank String name, @NotBlank String clientSecret, @NotNull URI tokenUri,
		@NotNull Duration fetchTimeout) {

	public GatewayIdentityProperties {
		if (name == null) {
			name = "gateway";
		}
		if (tokenUri == null) {
			tokenUri = URI.create("http://localhost:8081/internal/v1/service_tokens");
		}
		if (fetchTimeout == null) {
			fetchTimeout = Duration.ofSeconds(2);
		}
	}

}
