package io.emberpay.subscription.renewal;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where payment-service's internal API is, and how long an off-session charge may take.
 */
@Validated
@ConfigurationProperties("emberpay.services.payment")
public record PaymentServiceProperties(@NotNull String url, @NotNull Duration timeout) {
}
