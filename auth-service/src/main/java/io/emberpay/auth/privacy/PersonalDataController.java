package io.emberpay.auth.privacy;

import java.util.Map;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Users", description = "The calling user and their devices")
class PersonalDataController {

	private final PersonalDataExport export;

	PersonalDataController(PersonalDataExport export) {
		this.export = export;
	}

	@GetMapping("/v1/users/me/export")
	@Operation(summary = "Every personal datum the platform holds about the calling user, as JSON",
			description = "auth-service's records (account, factors, devices, sessions, security events) and one "
					+ "part per other service (payment methods' metadata, payments, subscriptions, notices). "
					+ "503 with Retry-After when a service cannot give its part: an export is complete or none.")
	Map<String, Object> export(@Parameter(hidden = true) Caller caller) {
		if (caller.isMerchant()) {
			throw ApiException.notFound("user", caller.id());
		}
		return this.export.export(caller.id());
	}

}
