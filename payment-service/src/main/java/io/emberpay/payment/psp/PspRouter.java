package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an authorization to the first acquirer of the merchant's route for its currency
 * and method, as the route's strategy orders them (priority, lowest cost, best recent
 * authorization rate), leaving out acquirers operators drained or forced open; and fails
 * over to the next only when the first certainly did not act (breaker open, bulkhead
 * full, not reachable). When the first may have acted, the outcome is unknown and the
 * payment stays with that acquirer: trying another one could authorize twice. Each
 * attempt is reported with its reason before it is made, so the payment shows where it
 * went and why.
 */
public class PspRouter {

	private static final Logger log = LoggerFactory.getLogger(PspRouter.class);

	private final Map<String, PspChannel> channels;

	private final PspProperties properties;

	private final MeterRegistry meters;

	private final AcquirerRoutingStates states;

	private final AuthorizationRates rates;

	PspRouter(Map<String, PspChannel> channels, PspProperties properties, MeterRegistry meters,
			AcquirerRoutingStates states) {
		this.channels = channels;
		this.properties = properties;
		this.meters = meters;
		this.states = states;
		this.rates = new AuthorizationRates(properties.authorizationRate().window(),
				properties.authorizationRate().minimumCalls());
	}

	public AuthorizationOutcome authorize(PspAccount account, PspConnector.Authorization request,
			String idempotencyKey) {
		return authorize(account, request, idempotencyKey, CARD, RoutingLog.NONE);
	}

	/**
	 * Routes an authorization of a payment method type ({@code card}, ...), telling
	 * {@code routingLog} each acquirer and reason before the call is made.
	 */
	public AuthorizationOutcome authorize(PspAccount account, PspConnector.Authorization request, String idempotencyKey,
			String method, RoutingLog routingLog) {
		for (Candidate candidate : route(account.merchantId(), request.currency(), method, request.amount())) {
			PspChannel channel = candidate.channel();
			routingLog.attempting(channel.name(), candidate.reason());
			Timer.Sample sample = Timer.start(this.meters);
			try {
				PspAuthorization authorization = channel.call(c -> c.authorize(account, request, idempotencyKey));
				boolean declined = authorization.status() == PspAuthorization.Status.DECLINED;
				this.rates.record(channel.name(), !declined);
				stop(sample, channel, declined ? "declined" : "authorized");
				return declined ? new AuthorizationOutcome.Declined(channel.name(), authorization)
						: new AuthorizationOutcome.Approved(channel.name(), authorization);
			}
			catch (CallNotPermittedException | BulkheadFullException | PspUnreachableException ex) {
				stop(sample, channel, "unavailable");
				log.warn("Acquirer {} not available for {}, trying the next one: {}", channel.name(),
						request.reference(), ex.getMessage());
			}
			catch (PspRejectedException ex) {
				stop(sample, channel, "rejected");
				return new AuthorizationOutcome.Rejected(channel.name());
			}
			catch (PspOutcomeUnknownException ex) {
				stop(sample, channel, "unknown");
				log.warn("Outcome of {} at {} unknown: {}", request.reference(), channel.name(), ex.getMessage());
				return new AuthorizationOutcome.Unknown(channel.name());
			}
		}
		return new AuthorizationOutcome.Unavailable(retryAfter());
	}

	/**
	 * Records one acquirer's authorization call, retries included, as the PSP latency
	 * panel and its p99 alert see it; "rejected" (a request the acquirer refused as
	 * malformed) is kept apart from issuer declines so our own bugs do not look like
	 * declines.
	 */
	private void stop(Timer.Sample sample, PspChannel channel, String outcome) {
		sample.stop(Timer.builder("emberpay.psp.authorization")
			.description("Authorization calls to an acquirer")
			.tag("psp", channel.name())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters));
	}

	/**
	 * The acquirer routing would try first for an authorization now, and why; empty when
	 * none is routable. A payment stores it with its insert; {@link #authorize} tells its
	 * {@link RoutingLog} again, and the caller writes only a route that differs.
	 */
	public Optional<RoutingChoice> firstChoice(String merchantId, String currency, String method, long amount) {
		List<Candidate> candidates = route(merchantId, currency, method, amount);
		return candidates.isEmpty() ? Optional.empty()
				: Optional.of(new RoutingChoice(candidates.get(0).channel().name(), candidates.get(0).reason()));
	}

	/** An acquirer and why routing chose it. */
	public record RoutingChoice(String acquirer, String reason) {
	}

	/**
	 * Whether any acquirer of the merchant's route would take a new authorization now.
	 */
	public boolean anyAvailable(String merchantId) {
		return this.properties.routeFor(merchantId)
			.allAcquirers()
			.stream()
			.distinct()
			.filter(this::routable)
			.map(this::channel)
			.anyMatch(channel -> channel.breaker().tryAcquirePermission() && release(channel));
	}

	/** Operators' runtime state of each acquirer (drain, force-open). */
	public AcquirerRoutingStates states() {
		return this.states;
	}

	/**
	 * This replica's recent authorization rate of an acquirer, if it has enough answers.
	 */
	public OptionalDouble authorizationRate(String acquirer) {
		return this.rates.rate(acquirer);
	}

	/** Forgets the recent authorization rates (tests start from none). */
	public void forgetAuthorizationRates() {
		this.rates.clear();
	}

	private static boolean release(PspChannel channel) {
		channel.breaker().releasePermission();
		return true;
	}

	public Duration retryAfter() {
		return this.properties.resilience().breakerOpenDuration();
	}

	/**
	 * The channel of a named acquirer, for calls bound to where a payment was authorized.
	 */
	public PspChannel channel(String psp) {
		PspChannel channel = this.channels.get(psp);
		if (channel == null) {
			throw new IllegalStateException("No acquirer named " + psp);
		}
		return channel;
	}

	/**
	 * The acquirer that pays the merchant out: its primary, which holds most of the
	 * merchant's funds. A payout never fails over: the other acquirer does not owe the
	 * merchant that money.
	 */
	public PspChannel payoutChannel(String merchantId) {
		String primary = this.properties.routeFor(merchantId).primary();
		PspChannel channel = this.channels.get(primary);
		if (channel == null || !channel.paysOut()) {
			// e.g. production's Stripe, until its payout connector exists: refused before
			// any funds are held, never a payout that fails later
			throw new ApiException(CommonError.SERVICE_UNAVAILABLE,
					"Payouts are not available yet: the acquirer holding this merchant's funds (" + primary
							+ ") has no payout connector");
		}
		return channel;
	}

	public Collection<PspChannel> channels() {
		return this.channels.values();
	}

	/**
	 * Asks every acquirer whether it holds an authorization under this key; an acquirer
	 * that cannot answer makes the whole answer unknown.
	 */
	public Optional<Found> findAuthorization(PspAccount account, String idempotencyKey) {
		for (PspChannel channel : this.channels.values()) {
			Optional<PspAuthorization> found = channel.call(c -> c.findAuthorization(account, idempotencyKey));
			if (found.isPresent()) {
				return Optional.of(new Found(channel.name(), found.get()));
			}
		}
		return Optional.empty();
	}

	/**
	 * The acquirers to try, in order, each with why: the first by the route's strategy,
	 * the rest as failover. Drained and forced-open acquirers take no new authorization.
	 */
	List<Candidate> route(String merchantId, String currency, String method, long amount) {
		PspProperties.Rule rule = this.properties.routeFor(merchantId).ruleFor(currency, method);
		List<String> names = new ArrayList<>(rule.acquirers().stream().distinct().filter(this::routable).toList());
		RoutingStrategy strategy = rule.strategy();
		switch (strategy) {
			case PRIORITY -> {
			}
			case LOWEST_COST -> names.sort(Comparator.comparingLong(name -> cost(name, amount)));
			case AUTHORIZATION_RATE -> {
				if (names.stream().allMatch(name -> this.rates.rate(name).isPresent())) {
					names.sort(Comparator.comparingDouble(name -> -this.rates.rate(name).getAsDouble()));
				}
				else {
					// Too few recent answers to judge: the configured order stands, and
					// says so.
					strategy = RoutingStrategy.PRIORITY;
				}
			}
		}
		List<Candidate> candidates = new ArrayList<>(names.size());
		for (String name : names) {
			candidates.add(new Candidate(channel(name), candidates.isEmpty() ? strategy.apiName() : FAILOVER));
		}
		return candidates;
	}

	private long cost(String acquirer, long amount) {
		PspProperties.Fee fee = this.properties.fees().get(acquirer);
		// An acquirer without a fee table is never the cheapest.
		return (fee == null) ? Long.MAX_VALUE : fee.of(amount);
	}

	private boolean routable(String acquirer) {
		return this.states.stateOf(acquirer) == RoutingState.ACTIVE;
	}

	public static final String CARD = "card";

	/** The reason of an acquirer tried after the first certainly did nothing. */
	public static final String FAILOVER = "failover";

	record Candidate(PspChannel channel, String reason) {
	}

	public record Found(String psp, PspAuthorization authorization) {
	}

	/** Told of each acquirer routing sends an authorization to, before it is sent. */
	@FunctionalInterface
	public interface RoutingLog {

		RoutingLog NONE = (acquirer, reason) -> {
		};

		void attempting(String acquirer, String routingReason);

	}

}
