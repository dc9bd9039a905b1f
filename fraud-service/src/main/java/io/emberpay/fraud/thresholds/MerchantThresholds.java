package io.emberpay.fraud.thresholds;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emberpay.fraud.audit.OperatorAudit;
import io.emberpay.starter.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each merchant's thresholds: an operator's override or the configured defaults. Cached
 * per instance for the refresh interval, bounded in size (least recently used merchants
 * leave first, so a full cache does not turn every lookup into a query), so scoring
 * rarely queries them; a change made on this instance takes effect at once, on others
 * within the interval.
 */
public class MerchantThresholds {

	private final JdbcClient jdbc;

	private final OperatorAudit audit;

	private final Thresholds defaults;

	private final Cache<String, Thresholds> cache;

	/**
	 * @param defaults the thresholds of a merchant without an override
	 * @param maxCached merchants kept in the cache at most
	 * @param refresh how long a cached merchant's thresholds are used
	 */
	public MerchantThresholds(JdbcClient jdbc, OperatorAudit audit, Thresholds defaults, long maxCached,
			Duration refresh) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.defaults = defaults;
		this.cache = Caffeine.newBuilder().maximumSize(maxCached).expireAfterWrite(refresh).build();
	}

	public Thresholds forMerchant(String merchant) {
		return this.cache.get(merchant, (id) -> stored(id).orElse(this.defaults));
	}

	/** The override, if an operator set one. */
	Optional<Thresholds> stored(String merchant) {
		return this.jdbc.sql("select review_at, decline_at from merchant_thresholds where merchant_id = ?")
			.param(merchant)
			.query((rs, row) -> new Thresholds(rs.getInt("review_at"), rs.getInt("decline_at")))
			.optional();
	}

	Thresholds defaults() {
		return this.defaults;
	}

	@Transactional
	void update(Caller operator, String merchant, Thresholds thresholds) {
		Thresholds before = forMerchant(merchant);
		this.jdbc
			.sql("""
					insert into merchant_thresholds (merchant_id, review_at, decline_at, updated_by) values (?, ?, ?, ?)
					on conflict (merchant_id) do update set review_at = excluded.review_at, decline_at = excluded.decline_at,
					    updated_by = excluded.updated_by, updated_at = now()""")
			.params(merchant, thresholds.reviewAt(), thresholds.declineAt(), operator.id())
			.update();
		this.audit.record(operator, "merchant_thresholds.put", merchant, "review_at %d -> %d, decline_at %d -> %d"
			.formatted(before.reviewAt(), thresholds.reviewAt(), before.declineAt(), thresholds.declineAt()));
		this.cache.invalidate(merchant);
	}

}
