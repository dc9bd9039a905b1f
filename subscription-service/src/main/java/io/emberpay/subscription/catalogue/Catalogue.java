package io.emberpay.subscription.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.events.ResourceIds;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.web.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merchant's products and prices. Every read is scoped to the merchant: another
 * merchant's price is as unknown as one that does not exist.
 */
@Component
public class Catalogue {

	/** Longest free trial a price may offer. */
	public static final int MAX_TRIAL_DAYS = 730;

	private final JdbcClient jdbc;

	private final Clock clock;

	Catalogue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Product createProduct(String merchant, boolean livemode, CatalogueRequests.CreateProduct request) {
		Product product = new Product(ResourceIds.next("prod"), merchant, request.name(), request.description(),
				livemode, this.clock.instant());
		this.jdbc
			.sql("insert into product (id, merchant, name, description, livemode, created) values (?, ?, ?, ?, ?, ?)")
			.params(product.id(), merchant, product.name(), product.description(), livemode,
					Timestamp.from(product.created()))
			.update();
		return product;
	}

	Price createPrice(String merchant, boolean livemode, CatalogueRequests.CreatePrice request) {
		if (request.unitAmount() < 0) {
			throw ApiException.invalid("unit_amount", "unit_amount must be zero or a positive integer in minor units");
		}
		String currency = Money.currency(request.currency()).getCurrencyCode();
		Interval interval = Interval.parse(request.recurring().interval());
		int intervalCount = (request.recurring().intervalCount() == null) ? 1 : request.recurring().intervalCount();
		interval.checkCount(intervalCount);
		int trialDays = (request.trialPeriodDays() == null) ? 0 : request.trialPeriodDays();
		if (trialDays < 0 || trialDays > MAX_TRIAL_DAYS) {
			throw ApiException.invalid("trial_period_days",
					"trial_period_days must be between 0 and " + MAX_TRIAL_DAYS);
		}
		if (!request.tier().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
			throw ApiException.invalid("tier", "tier must be 1-64 lower-case letters, digits, '_' or '-'");
		}
		Product product = findProduct(merchant, request.product())
			.orElseThrow(() -> new ApiException(CommonError.NOT_FOUND, "No such product: '" + request.product() + "'",
					"product"));
		Price price = new Price(ResourceIds.next("price"), merchant, product.id(), request.unitAmount(), currency,
				interval, intervalCount, trialDays, request.tier(), livemode, this.clock.instant());
		this.jdbc.sql("""
				insert into price (id, merchant, product, unit_amount, currency, recurring_interval, interval_count,
				                   trial_period_days, tier, livemode, created)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(price.id(), merchant, price.product(), price.unitAmount(), currency, interval.wire(), intervalCount,
					trialDays, price.tier(), livemode, Timestamp.from(price.created()))
			.update();
		return price;
	}

	Optional<Product> findProduct(String merchant, String id) {
		return this.jdbc.sql("select * from product where id = ? and merchant = ?")
			.params(id, merchant)
			.query(Catalogue::product)
			.optional();
	}

	/** The merchant's price, or a 404 naming {@code param}. */
	public Price requirePrice(String merchant, String id, String param) {
		return findPrice(id).filter(price -> price.merchant().equals(merchant))
			.orElseThrow(() -> new ApiException(CommonError.NOT_FOUND, "No such price: '" + id + "'", param));
	}

	/** A price of any merchant: only for callers that then check who may see it. */
	public Optional<Price> findPrice(String id) {
		if (id == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("select * from price where id = ?").param(id).query(Catalogue::price).optional();
	}

	List<Product> products(String merchant, PageQuery page) {
		return this.jdbc
			.sql("select * from product where merchant = ? and id < coalesce(?, '~') order by id desc limit ?")
			.params(merchant, page.startingAfter(), page.limit() + 1)
			.query(Catalogue::product)
			.list();
	}

	List<Price> prices(String merchant, String product, PageQuery page) {
		return this.jdbc.sql("""
				select * from price where merchant = ? and (cast(? as text) is null or product = ?)
				  and id < coalesce(?, '~') order by id desc limit ?""")
			.params(merchant, product, product, page.startingAfter(), page.limit() + 1)
			.query(Catalogue::price)
			.list();
	}

	private static Product product(ResultSet rs, int row) throws SQLException {
		return new Product(rs.getString("id"), rs.getString("merchant"), rs.getString("name"),
				rs.getString("description"), rs.getBoolean("livemode"), instant(rs, "created"));
	}

	private static Price price(ResultSet rs, int row) throws SQLException {
		return new Price(rs.getString("id"), rs.getString("merchant"), rs.getString("product"),
				rs.getLong("unit_amount"), rs.getString("currency"), Interval.parse(rs.getString("recurring_interval")),
				rs.getInt("interval_count"), rs.getInt("trial_period_days"), rs.getString("tier"),
				rs.getBoolean("livemode"), instant(rs, "created"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value == null) ? null : value.toInstant();
	}

}
