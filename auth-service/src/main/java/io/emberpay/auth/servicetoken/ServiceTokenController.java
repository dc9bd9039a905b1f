package io.emberpay.auth.servicetoken;

import io.emberpay.auth.token.AccessTokens;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.ServiceIdentityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues service tokens (docs/decisions/service-identity.md): a platform service proves
 * itself with its client secret (HTTP Basic, service name and secret) and gets a token
 * for calling one other service. The only {@code /internal} endpoint without a service
 * token, since it is where one comes from.
 */
@RestController
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class ServiceTokenController {

	private final ServiceClients clients;

	private final AccessTokens tokens;

	private final ServiceClientProperties properties;

	private final String ownName;

	ServiceTokenController(ServiceClients clients, AccessTokens tokens, ServiceClientProperties properties,
			ServiceIdentityProperties identity) {
		this.clients = clients;
		this.tokens = tokens;
		this.properties = properties;
		this.ownName = identity.name();
	}

	@PostMapping("/internal/v1/service_tokens")
	@Operation(summary = "A short-lived token for calling one platform service",
			description = "401 for an unknown service or wrong secret; 400 for an audience that is no platform service.")
	ServiceToken issue(@RequestHeader(name = "Authorization", required = false) String authorization,
			@Valid @RequestBody ServiceTokenRequest request) {
		String caller = this.clients.authenticate(authorization)
			.orElseThrow(() -> new ApiException(CommonError.UNAUTHENTICATED, "Unknown service or wrong client secret"));
		boolean platformService = this.clients.knows(request.audience()) || request.audience().equals(this.ownName);
		if (!platformService || request.audience().equals(caller)) {
			throw new ApiException(CommonError.INVALID_REQUEST, "The audience is no other platform service",
					"audience");
		}
		String token = this.tokens.forService(caller, request.audience(), this.properties.tokenTtl());
		return new ServiceToken(token, "Bearer", this.properties.tokenTtl().toSeconds());
	}

	record ServiceTokenRequest(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}") String audience) {
	}

	record ServiceToken(String accessToken, String tokenType, long expiresIn) {
	}

}
