package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Acquirer endpoints, routing and every resilience option, all explicit: nothing relies
 * on a library default.
 *
 * @param baseUrl where the acquirers (the simulator) listen
 * @param simulatorAcquirers whether the simulator's acquirers {@code psp-a} and
 * {@code psp-b} exist here; production has none
 * @param routing primary and secondary acquirer by merchant, with {@code default} for the
 * rest
 * @param janitorGrace how long a payment stays {@code processing} before the janitor asks
 * the acquirer; longer than all attempts of a request together
 * @param fees each acquirer's fee for a payment, for the {@code lowest_cost} strategy
 * @param authorizationRate the sliding window of the {@code authorization_rate} strategy
 * @param routingStateRefresh how often a replica reads the operators' acquirer states
 * (drain, force-open) that another replica stored
 */
@Validated
@ConfigurationProperties("emberpay.psp")
public record PspProperties(@NotNull String baseUrl, boolean simulatorAcquirers, @NotNull Duration connectTimeout,
		@NotEmpty Map<String, @Valid Route> routing, @NotNull @Valid Resilience resilience,
		@NotNull Duration janitorInterval, @NotNull Duration janitorGrace, @Min(1) int janitorBatchSize,
		Map<String, @Valid Fee> fees, @Valid AuthorizationRate authorizationRate, Duration routingStateRefresh) {

	public PspProperties {
		fees = (fees == null) ? Map.of() : Map.copyOf(fees);
		authorizationRate = (authorizationRate == null) ? new AuthorizationRate(100, 20) : authorizationRate;
		routingStateRefresh = (routingStateRefresh == null) ? Duration.ofSeconds(2) : routingStateRefresh;
	}

	public Route routeFor(String merchantId) {
		Route route = this.routing.get(merchantId);
		return (route != null) ? route : this.routing.get("default");
	}

	/**
	 * A merchant's route: the acquirers it may use and the strategy that orders them.
	 * Without {@code acquirers}, they are {@code primary} then {@code secondary}; without
	 * a strategy, that order is kept ({@code priority}). A rule for a currency and/or
	 * method, the first that matches, replaces both.
	 */
	public record Route(@NotNull String primary, String secondary, RoutingStrategy strategy, List<String> acquirers,
			List<@Valid Rule> rules) {

		public Route {
			acquirers = (acquirers == null) ? List.of() : List.copyOf(acquirers);
			rules = (rules == null) ? List.of() : List.copyOf(rules);
		}

		/** The acquirers and strategy for a payment in this currency and method. */
		public Rule ruleFor(String currency, String method) {
			for (Rule rule : this.rules) {
				if (rule.matches(currency, method)) {
					return rule;
				}
			}
			List<String> names = new ArrayList<>(this.acquirers);
			if (names.isEmpty()) {
				names.add(this.primary);
				if (this.secondary != null && !this.secondary.equals(this.primary)) {
					names.add(this.secondary);
				}
			}
			return new Rule(null, null, (this.strategy == null) ? RoutingStrategy.PRIORITY : this.strategy, names);
		}

		/** Every acquirer this route may name. */
		public List<String> allAcquirers() {
			List<String> names = new ArrayList<>(ruleFor(null, null).acquirers());
			this.rules.forEach(rule -> names.addAll(rule.acquirers()));
			return names;
		}

	}

	/**
	 * @param currency ISO 4217 code, or none for every currency
	 * @param method payment method type ({@code card}, ...), or none for every method
	 */
	public record Rule(String currency, String method, RoutingStrategy strategy, @NotEmpty List<String> acquirers) {

		public Rule {
			strategy = (strategy == null) ? RoutingStrategy.PRIORITY : strategy;
			acquirers = (acquirers == null) ? List.of() : List.copyOf(acquirers);
		}

		boolean matches(String currency, String method) {
			return (this.currency == null || this.currency.toUpperCase(Locale.ROOT).equals(currency))
					&& (this.method == null || this.method.equals(method));
		}

	}

	/**
	 * What an acquirer charges for a payment: {@code percentBps} basis points of the
	 * amount plus {@code fixed} minor units of the payment's currency.
	 */
	public record Fee(@Min(0) int percentBps, @Min(0) long fixed) {

		public long of(long amount) {
			return Math.ceilDiv(Math.multiplyExact(amount, (long) this.percentBps), 10_000L) + this.fixed;
		}

	}

	/**
	 * @param window the latest authorizations per acquirer the rate is taken over
	 * @param minimumCalls how many it needs before the rate counts; until then the
	 * route's order stands
	 */
	public record AuthorizationRate(@Min(1) int window, @Min(1) int minimumCalls) {
	}

	/**
	 * @param timeout the time limiter: one attempt's wall-clock budget
	 * @param retryMaxAttempts attempts per acquirer, the first included
	 * @param retryInitialInterval first backoff, then times {@code retryMultiplier}, each
	 * randomised by {@code retryRandomization} (jitter)
	 * @param breakerWindowSize calls in the count-based sliding window
	 * @param breakerMinimumCalls calls before the failure rate counts
	 * @param breakerFailureRatePercent failure rate that opens the breaker
	 * @param breakerOpenDuration how long it stays open before half-open
	 * @param breakerHalfOpenCalls trial calls in half-open
	 * @param bulkheadMaxConcurrentCalls calls in flight per acquirer
	 * @param bulkheadMaxWait how long a call waits for a bulkhead slot
	 */
	public record Resilience(@NotNull Duration timeout, @Min(1) int retryMaxAttempts,
			@NotNull Duration retryInitialInterval, @DecimalMin("1.0") double retryMultiplier,
			@DecimalMin("0.0") @DecimalMax("1.0") double retryRandomization, @Min(1) int breakerWindowSize,
			@Min(1) int breakerMinimumCalls, @DecimalMin("1") @DecimalMax("100") float breakerFailureRatePercent,
			@NotNull Duration breakerOpenDuration, @Min(1) int breakerHalfOpenCalls,
			@DecimalMin("1") @DecimalMax("100") float breakerSlowCallRatePercent,
			@NotNull Duration breakerSlowCallDuration, @Min(1) int bulkheadMaxConcurrentCalls,
			@NotNull Duration bulkheadMaxWait) {
	}

}
