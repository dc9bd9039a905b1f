package io.emberpay.fraud.features;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

import io.emberpay.fraud.geo.IpLocation;
import io.emberpay.fraud.risk.PaymentAttempt;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads all features of an attempt in one round trip. The tables are the only source of
 * truth: every replica sees every other replica's attempts, and a restart loses nothing.
 */
@Component
public class FeatureReader {

	private static final String WINDOWS = """
			count(*) filter (where occurred_at > :minute) as c_minute,
			count(*) filter (where occurred_at > :hour) as c_hour,
			count(*) as c_day,
			coalesce(sum(amount) filter (where occurred_at > :minute and currency = :currency), 0) as a_minute,
			coalesce(sum(amount) filter (where occurred_at > :hour and currency = :currency), 0) as a_hour,
			coalesce(sum(amount) filter (where currency = :currency), 0) as a_day""";

	private static final String SQL = """
			with by_user as (select %1$s from payment_attempt
			        where user_id = :user and occurred_at > :day and payment_id <> :payment),
			    by_card as (select %1$s, count(distinct user_id) filter (where user_id <> :user) as other_users
			        from payment_attempt where card_fingerprint = :card and occurred_at > :day and payment_id <> :payment),
			    by_device as (select %1$s, count(distinct card_fingerprint) filter (where card_fingerprint <> :card) as other_cards
			        from payment_attempt where device_id = :device and occurred_at > :day and payment_id <> :payment),
			    by_ip as (select %1$s from payment_attempt where ip = :ip and occurred_at > :day and payment_id <> :payment)
			select u.c_minute u_cm, u.c_hour u_ch, u.c_day u_cd, u.a_minute u_am, u.a_hour u_ah, u.a_day u_ad,
			    c.c_minute c_cm, c.c_hour c_ch, c.c_day c_cd, c.a_minute c_am, c.a_hour c_ah, c.a_day c_ad, c.other_users,
			    d.c_minute d_cm, d.c_hour d_ch, d.c_day d_cd, d.a_minute d_am, d.a_hour d_ah, d.a_day d_ad, d.other_cards,
			    i.c_minute i_cm, i.c_hour i_ch, i.c_day i_cd, i.a_minute i_am, i.a_hour i_ah, i.a_day i_ad,
			    fu.failures f_user, fc.failures f_card, fl.failures f_login,
			    su.samples su_n, su.mean_log su_mean, su.m2_log su_m2,
			    sm.samples sm_n, sm.mean_log sm_mean, sm.m2_log sm_m2,
			    exists (select 1 from user_device where user_id = :user and device_id = :device) device_known,
			    exists (select 1 from user_device where user_id = :user) user_has_devices,
			    prev.ip_country prev_country, prev.latitude prev_lat, prev.longitude prev_lon, prev.occurred_at prev_at
			from by_user u cross join by_card c cross join by_device d cross join by_ip i
			left join failure_streak fu on fu.scope = 'payment_user' and fu.subject = :user
			left join failure_streak fc on fc.scope = 'payment_card' and fc.subject = :card
			left join failure_streak fl on fl.scope = 'login_user' and fl.subject = :user
			left join amount_stats su on su.scope = 'user' and su.subject = :user and su.currency = :currency
			left join amount_stats sm on sm.scope = 'merchant' and sm.subject = :merchant and sm.currency = :currency
			left join lateral (select ip_country, latitude, longitude, occurred_at from payment_attempt
			        where user_id = :user and payment_id <> :payment and latitude is not null and occurred_at <= :at
			        order by occurred_at desc limit 1) prev on true
			"""
		.formatted(WINDOWS);

	private final JdbcClient jdbc;

	FeatureReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The features of {@code attempt}, whose IP resolved to {@code location} (or null).
	 */
	public RiskFeatures read(PaymentAttempt attempt, IpLocation location) {
		OffsetDateTime at = SqlValues.time(attempt.occurredAt());
		return this.jdbc.sql(SQL)
			.param("payment", SqlValues.text(attempt.payment()))
			.param("user", SqlValues.text(attempt.user()))
			.param("merchant", SqlValues.text(attempt.merchant()))
			.param("card", SqlValues.text(attempt.cardFingerprint()))
			.param("device", SqlValues.text(attempt.deviceId()))
			.param("ip", SqlValues.text(attempt.ip()))
			.param("currency", SqlValues.text(attempt.currency()))
			.param("at", at)
			.param("minute", at.minus(Window.MINUTE.length()))
			.param("hour", at.minus(Window.HOUR.length()))
			.param("day", at.minus(Window.DAY.length()))
			.query((rs, row) -> features(rs, attempt, location))
			.single();
	}

	private static RiskFeatures features(ResultSet rs, PaymentAttempt attempt, IpLocation location)
			throws SQLException {
		Map<Dimension, VelocityWindows> velocity = new EnumMap<>(Dimension.class);
		velocity.put(Dimension.USER, windows(rs, "u"));
		velocity.put(Dimension.CARD, windows(rs, "c"));
		velocity.put(Dimension.DEVICE, windows(rs, "d"));
		velocity.put(Dimension.IP, windows(rs, "i"));
		Map<StreakScope, Integer> streaks = new EnumMap<>(StreakScope.class);
		streaks.put(StreakScope.PAYMENT_USER, rs.getInt("f_user"));
		streaks.put(StreakScope.PAYMENT_CARD, rs.getInt("f_card"));
		streaks.put(StreakScope.LOGIN_USER, rs.getInt("f_login"));
		long cardsOnDevice = (attempt.deviceId() == null) ? 0
				: rs.getLong("other_cards") + ((attempt.cardFingerprint() == null) ? 0 : 1);
		long usersOnCard = (attempt.cardFingerprint() == null) ? 0 : rs.getLong("other_users") + 1;
		return new RiskFeatures(velocity, cardsOnDevice, usersOnCard, streaks, stats(rs, "su"), stats(rs, "sm"),
				rs.getBoolean("device_known"), rs.getBoolean("user_has_devices"), location, previous(rs));
	}

	private static VelocityWindows windows(ResultSet rs, String prefix) throws SQLException {
		return new VelocityWindows(rs.getLong(prefix + "_cm"), rs.getLong(prefix + "_ch"), rs.getLong(prefix + "_cd"),
				rs.getLong(prefix + "_am"), rs.getLong(prefix + "_ah"), rs.getLong(prefix + "_ad"));
	}

	private static AmountStats stats(ResultSet rs, String prefix) throws SQLException {
		long samples = rs.getLong(prefix + "_n");
		return (samples == 0) ? AmountStats.EMPTY
				: new AmountStats(samples, rs.getDouble(prefix + "_mean"), rs.getDouble(prefix + "_m2"));
	}

	private static PreviousLocation previous(ResultSet rs) throws SQLException {
		OffsetDateTime at = rs.getObject("prev_at", OffsetDateTime.class);
		if (at == null) {
			return null;
		}
		return new PreviousLocation(rs.getString("prev_country"), rs.getDouble("prev_lat"), rs.getDouble("prev_lon"),
				at.toInstant());
	}

}
