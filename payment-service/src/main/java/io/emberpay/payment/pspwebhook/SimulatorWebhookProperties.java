package io.emberpay.payment.pspwebhook;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The simulator acquirers' webhooks ({@code POST /v1/psp_webhooks/psp-a|psp-b}): the
 * shared signing secret (from the deployment's secrets; empty means the endpoints are
 * off) and how old a signature's timestamp may be.
 */
@Validated
@ConfigurationProperties("emberpay.psp.simulator-webhooks")
record SimulatorWebhookProperties(String secret, @NotNull Duration tolerance) {

	SimulatorWebhookProperties {
		secret = (secret == null) ? "" : secret;
		tolerance = (tolerance == null) ? Duration.ofMinutes(5) : tolerance;
	}

	boolean enabled() {
		return !this.secret.isBlank();
	}

}
