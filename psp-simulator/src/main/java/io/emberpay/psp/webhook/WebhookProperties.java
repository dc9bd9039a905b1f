package io.emberpay.psp.webhook;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the acquirers send their webhooks and how they sign them.
 *
 * @param url the platform's acquirer webhook base ({@code .../v1/psp_webhooks}); the
 * acquirer's name is appended. Empty: no webhooks are sent.
 * @param secret the signing secret the platform verifies {@code Simulator-Signature} with
 * @param publicUrl the simulator's address as a customer's browser reaches it, for 3-D
 * Secure challenge pages; empty: the address the caller reached it at
 */
@Validated
@ConfigurationProperties("emberpay.psp.webhooks")
public record WebhookProperties(@DefaultValue("") String url,
		@DefaultValue("sim_whsec_local_development_only") @NotNull String secret,
		@DefaultValue("") @NotNull String publicUrl) {
}
