package io.emberpay.auth.privacy;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where a personal-data export collects the other services' parts: service name (the
 * audience of the service token sent) to the base URL of its {@code GET
 * /internal/v1/users/{id}/personal_data}.
 */
@Validated
@ConfigurationProperties("emberpay.auth.personal-data")
public record PersonalDataProperties(Map<String, String> sources, @NotNull Duration timeout) {

	public PersonalDataProperties {
		sources = (sources != null) ? Map.copyOf(sources) : Map.of();
		timeout = (timeout != null) ? timeout : Duration.ofSeconds(5);
	}

}
