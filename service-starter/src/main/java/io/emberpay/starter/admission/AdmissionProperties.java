package io.emberpay.starter.admission;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many API requests a service works on at once, and how long one may wait for a
 * place: beyond that it is refused at once with a 503 and {@code Retry-After}, before it
 * costs a token check, a connection or a thread stack.
 *
 * @param enabled whether requests pass through the limit at all
 * @param maxConcurrentRequests requests under way at once, API and internal together
 * @param maxQueueWait how long a request may wait for a place; short, because a queue
 * only adds latency once the service is saturated
 * @param retryAfter what a refused caller is told to wait
 */
@Validated
@ConfigurationProperties("emberpay.admission")
public record AdmissionProperties(boolean enabled, @Min(1) @Max(100_000) int maxConcurrentRequests,
		@NotNull Duration maxQueueWait, @NotNull Duration retryAfter) {

}
