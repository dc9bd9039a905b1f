package io.emberpay.starter.privacy;

import java.util.Map;

import io.emberpay.starter.security.InternalCallers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * This service's part of a user's personal-data export, for auth-service, which assembles
 * the whole ({@code GET /v1/users/me/export}). {@link PersonalDataConfiguration}
 * registers it; the condition here keeps it out where the starter's own packages are
 * component-scanned (the starter's tests) and no service declares a source.
 */
@RestController
@ConditionalOnBean(PersonalDataSource.class)
@SecurityRequirements
@Tag(name = "Internal", description = "Service-to-service API, not reachable through the gateway")
class PersonalDataController {

	private final PersonalDataSource source;

	PersonalDataController(PersonalDataSource source) {
		this.source = source;
	}

	@InternalCallers("auth-service")
	@GetMapping("/internal/v1/users/{id}/personal_data")
	@Operation(summary = "What this service holds about a user")
	Map<String, Object> personalData(@PathVariable String id) {
		return this.source.personalData(id);
	}

}
