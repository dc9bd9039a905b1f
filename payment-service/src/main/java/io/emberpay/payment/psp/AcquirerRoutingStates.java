package io.emberpay.payment.psp;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operators' routing state of each acquirer, stored in the database so every replica
 * follows it: each replica re-reads it every {@code routing-state-refresh} (the one that
 * changed it at once) and holds a forced-open acquirer's breaker in resilience4j's forced
 * open state, so no call of any kind reaches it. Every change is audited with who, when
 * and why.
 */
@Component
public class AcquirerRoutingStates implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AcquirerRoutingStates.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final CircuitBreakerRegistry breakers;

	private volatile Map<String, Entry> current = Map.of();

	AcquirerRoutingStates(JdbcClient jdbc, TransactionTemplate transactions, CircuitBreakerRegistry breakers) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.breakers = breakers;
	}

	/** An acquirer's state; one never changed is active. */
	public RoutingState stateOf(String acquirer) {
		Entry entry = this.current.get(acquirer);
		return (entry == null) ? RoutingState.ACTIVE : entry.state();
	}

	public Optional<Entry> entry(String acquirer) {
		return Optional.ofNullable(this.current.get(acquirer));
	}

	/**
	 * Moves an acquirer to {@code state} for {@code reason}, audited under {@code actor};
	 * answers the state it left.
	 */
	public RoutingState change(String acquirer, RoutingState state, String reason, String actor) {
		RoutingState previous = this.transactions.execute(status -> {
			// The row lock orders concurrent changes of one acquirer, so the audit's
			// previous states chain.
			this.jdbc.sql("""
					insert into acquirer_routing_state (acquirer, state, reason, changed_by)
					values (?, 'active', 'initial', 'system') on conflict do nothing""").params(acquirer).update();
			String before = this.jdbc.sql("select state from acquirer_routing_state where acquirer = ? for update")
				.param(acquirer)
				.query(String.class)
				.single();
			this.jdbc.sql("""
					update acquirer_routing_state set state = ?, reason = ?, changed_by = ?, changed_at = now()
					where acquirer = ?""").params(state.apiName(), reason, actor, acquirer).update();
			this.jdbc.sql("""
					insert into acquirer_routing_audit (acquirer, previous_state, state, reason, changed_by)
					values (?, ?, ?, ?, ?)""").params(acquirer, before, state.apiName(), reason, actor).update();
			return RoutingState.fromApiName(before);
		});
		log.warn("Acquirer {} moved from {} to {} by {}: {}", acquirer, previous.apiName(), state.apiName(), actor,
				reason);
		refresh();
		return previous;
	}

	/** Once the database is migrated and the breakers exist: the stored states apply. */
	@Override
	public void afterSingletonsInstantiated() {
		refreshInBackground();
	}

	@Scheduled(fixedDelayString = "${emberpay.psp.routing-state-refresh:2s}")
	void refreshInBackground() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the acquirers' routing states, keeping the last ones: {}", ex.getMessage());
		}
	}

	/** Reads every stored state and brings this replica's breakers in line. */
	public void refresh() {
		Map<String, Entry> read = new ConcurrentHashMap<>();
		this.jdbc.sql("select acquirer, state, reason, changed_by, changed_at from acquirer_routing_state")
			.query((rs, row) -> new Entry(rs.getString("acquirer"), RoutingState.fromApiName(rs.getString("state")),
					rs.getString("reason"), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
			.list()
			.forEach(entry -> read.put(entry.acquirer(), entry));
		this.current = Map.copyOf(read);
		this.breakers.getAllCircuitBreakers().forEach(this::align);
	}

	private void align(CircuitBreaker breaker) {
		boolean forced = stateOf(breaker.getName()) == RoutingState.FORCED_OPEN;
		CircuitBreaker.State state = breaker.getState();
		if (forced && state != CircuitBreaker.State.FORCED_OPEN) {
			breaker.transitionToForcedOpenState();
		}
		else if (!forced && state == CircuitBreaker.State.FORCED_OPEN) {
			breaker.transitionToClosedState();
		}
	}

	/** One acquirer's stored state and who set it, when and why. */
	public record Entry(String acquirer, RoutingState state, String reason, String changedBy, Instant changedAt) {
	}

}
