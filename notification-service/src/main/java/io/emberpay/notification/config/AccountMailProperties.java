package io.emberpay.notification.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where user accounts live (auth-service, asked for addresses and link tokens) and where
 * the links in account e-mails lead.
 *
 * @param authUrl base URL of auth-service's internal API
 * @param appUrl base URL of the app pages that take a reset or verification token; the
 * token goes after {@code #}, so it never reaches a server's access log
 * @param consoleUrl base URL of the console ({@code .../console}), where a team
 * invitation's link leads
 * @param timeout of each call to auth-service
 */
@Validated
@ConfigurationProperties("emberpay.notification.accounts")
public record AccountMailProperties(@NotNull URI authUrl, @NotNull URI appUrl, @NotNull URI consoleUrl,
		@NotNull Duration timeout) {

	public AccountMailProperties {
		authUrl = (authUrl != null) ? authUrl : URI.create("http://localhost:8081");
		appUrl = (appUrl != null) ? appUrl : URI.create("http://localhost:3000");
		consoleUrl = (consoleUrl != null) ? consoleUrl : URI.create("http://localhost:8080/console");
		timeout = (timeout != null) ? timeout : Duration.ofSeconds(2);
	}

}
