package io.emberpay.payment.psp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an authorization to the merchant's primary acquirer and fails over to the
 * secondary only when the primary certainly did not act (breaker open, bulkhead full, not
 * reachable). When the primary may have acted, the outcome is unknown and the payment
 * stays with that acquirer: trying another one could authorize twice.
 */
public class PspRouter {

	private static final Logger log = LoggerFactory.getLogger(PspRouter.class);

	private final Map<String, PspChannel> channels;

	private final PspProperties properties;

	private final MeterRegistry meters;

	PspRouter(Map<String, PspChannel> channels, PspProperties properties, MeterRegistry meters) {
		this.channels = channels;
		this.properties = properties;
		this.meters = meters;
	}

	public AuthorizationOutcome authorize(PspAccount account, PspConnector.Authorization request,
			String idempotencyKey) {
		for (PspChannel channel : route(account.merchantId())) {
			Timer.Sample sample = Timer.start(this.meters);
			try {
				PspAuthorization authorization = channel.call(c -> c.authorize(account, request, idempotencyKey));
				boolean declined = authorization.status() == PspAuthorization.Status.DECLINED;
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

	/** Whether any acquirer of the merchant's route would take a call now. */
	public boolean anyAvailable(String merchantId) {
		return route(merchantId).stream()
			.anyMatch(channel -> channel.breaker().tryAcquirePermission() && release(channel));
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
		return channel(this.properties.routeFor(merchantId).primary());
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

	private List<PspChannel> route(String merchantId) {
		PspProperties.Route route = this.properties.routeFor(merchantId);
		List<PspChannel> ordered = new ArrayList<>(2);
		ordered.add(channel(route.primary()));
		if (route.secondary() != null && !route.secondary().equals(route.primary())) {
			ordered.add(channel(route.secondary()));
		}
		return ordered;
	}

	public record Found(String psp, PspAuthorization authorization) {
	}

}
