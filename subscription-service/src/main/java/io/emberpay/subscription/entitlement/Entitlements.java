package io.emberpay.subscription.entitlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.subscription.EntitlementEvent;
import io.emberpay.starter.outbox.OutboxWriter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may use which tier, whatever sold it. Every change is written with its event in the
 * caller's transaction: {@code entitlement.granted} when a tier becomes usable (new,
 * another tier, or back after a revocation), {@code entitlement.revoked} when it stops.
 * Extending an entitlement that stays the same tier is silent.
 */
@Component
public class Entitlements {

	private final JdbcClient jdbc;

	private final OutboxWriter outbox;

	Entitlements(JdbcClient jdbc, OutboxWriter outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/**
	 * Grants {@code tier} to the customer until {@code expiresAt}, in the mode of its
	 * source; a source living on {@code testClock} (or {@code null}) has its expiry read
	 * against that clock's time.
	 */
	public void grant(String merchant, String customer, String tier, String source, String sourceId, Instant expiresAt,
			Instant now, boolean livemode, String testClock) {
		Optional<Entitlement> current = bySource(source, sourceId);
		if (current.isEmpty()) {
			Entitlement granted = new Entitlement(ResourceIds.next("ent"), merchant, customer, tier, source, sourceId,
					expiresAt, null, livemode);
			this.jdbc.sql("""
					insert into entitlement (id, merchant, customer, tier, source, source_id, expires_at, created,
					                         livemode, test_clock)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(granted.id(), merchant, customer, tier, source, sourceId, Timestamp.from(expiresAt),
						Timestamp.from(now), livemode, testClock)
				.update();
			this.outbox.append(Topics.SUBSCRIPTIONS,
					new EntitlementEvent.EntitlementGranted(ResourceIds.event(), now, granted.snapshot()));
			return;
		}
		Entitlement before = current.get();
		this.jdbc.sql("update entitlement set tier = ?, expires_at = ?, revoked_at = null where id = ?")
			.params(tier, Timestamp.from(expiresAt), before.id())
			.update();
		Entitlement after = new Entitlement(before.id(), merchant, customer, tier, source, sourceId, expiresAt, null,
				before.livemode());
		if (!before.activeAt(now) || !before.tier().equals(tier)) {
			if (before.activeAt(now)) {
				this.outbox.append(Topics.SUBSCRIPTIONS,
						new EntitlementEvent.EntitlementRevoked(ResourceIds.event(), now, before.snapshot()));
			}
			this.outbox.append(Topics.SUBSCRIPTIONS,
					new EntitlementEvent.EntitlementGranted(ResourceIds.event(), now, after.snapshot()));
		}
	}

	/** Ends the source's entitlement now, if it still runs. */
	public void revoke(String source, String sourceId, Instant now) {
		Optional<Entitlement> current = bySource(source, sourceId);
		if (current.isEmpty() || current.get().revokedAt() != null) {
			return;
		}
		this.jdbc.sql("update entitlement set revoked_at = ? where id = ? and revoked_at is null")
			.params(Timestamp.from(now), current.get().id())
			.update();
		this.outbox.append(Topics.SUBSCRIPTIONS,
				new EntitlementEvent.EntitlementRevoked(ResourceIds.event(), now, current.get().snapshot()));
	}

	/**
	 * Revokes up to {@code limit} entitlements whose time ran out (a grace period that
	 * ended with the renewal still unpaid), answering how many.
	 */
	public int revokeExpired(Instant now, int limit) {
		return revokeExpired(null, now, limit);
	}

	/**
	 * As {@link #revokeExpired(Instant, int)}, for the entitlements of {@code testClock}
	 * ({@code null}: of no test clock), {@code now} being that clock's time.
	 */
	public int revokeExpired(String testClock, Instant now, int limit) {
		List<Entitlement> expired = this.jdbc.sql("""
				update entitlement set revoked_at = :now
				where id in (select id from entitlement where revoked_at is null and expires_at <= :now
				               and test_clock is not distinct from cast(:clock as text)
				             order by expires_at limit :limit for update skip locked)
				returning *""")
			.param("now", Timestamp.from(now))
			.param("clock", testClock)
			.param("limit", limit)
			.query(Entitlements::entitlement)
			.list();
		for (Entitlement entitlement : expired) {
			this.outbox.append(Topics.SUBSCRIPTIONS,
					new EntitlementEvent.EntitlementRevoked(ResourceIds.event(), now, entitlement.snapshot()));
		}
		return expired.size();
	}

	public Optional<Entitlement> bySource(String source, String sourceId) {
		return this.jdbc.sql("select * from entitlement where source = ? and source_id = ?")
			.params(source, sourceId)
			.query(Entitlements::entitlement)
			.optional();
	}

	/**
	 * What the user may use now, at every merchant and in both modes (each entitlement
	 * says its own); an entitlement of a test-clock subscription is read at that clock's
	 * time.
	 */
	public List<Entitlement> activeFor(String customer, Instant now) {
		return this.jdbc.sql("""
				select e.* from entitlement e left join test_clock c on c.id = e.test_clock
				where e.customer = ? and e.revoked_at is null
				  and e.expires_at > coalesce(c.frozen_time, ?)
				order by e.merchant, e.livemode, e.tier limit 100""")
			.params(customer, Timestamp.from(now))
			.query(Entitlements::entitlement)
			.list();
	}

	private static Entitlement entitlement(ResultSet rs, int row) throws SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new Entitlement(rs.getString("id"), rs.getString("merchant"), rs.getString("customer"),
				rs.getString("tier"), rs.getString("source"), rs.getString("source_id"),
				rs.getTimestamp("expires_at").toInstant(), (revoked != null) ? revoked.toInstant() : null,
				rs.getBoolean("livemode"));
	}

}
