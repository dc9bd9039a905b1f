package io.emberpay.payment.payout;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Merchants' payout schedules; a merchant without one is paid out manually. */
@Repository
class PayoutSchedules {

	private final JdbcClient jdbc;

	PayoutSchedules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	PayoutSchedule set(String merchantId, PayoutScheduleRequest request) {
		String anchor = request.weeklyAnchor();
		if ("weekly".equals(request.interval()) && anchor == null) {
			throw ApiException.invalid("weekly_anchor", "A weekly schedule needs weekly_anchor, e.g. friday");
		}
		if (!"weekly".equals(request.interval()) && anchor != null) {
			throw ApiException.invalid("weekly_anchor", "weekly_anchor is only for a weekly schedule");
		}
		long minimum = (request.minimumAmount() == null) ? 0 : request.minimumAmount();
		this.jdbc.sql("""
				insert into payout_schedule (merchant_id, interval, weekly_anchor, minimum_amount)
				values (?, ?, ?, ?)
				on conflict (merchant_id) do update set interval = excluded.interval,
				    weekly_anchor = excluded.weekly_anchor, minimum_amount = excluded.minimum_amount,
				    updated_at = now()""").params(merchantId, request.interval(), anchor, minimum).update();
		return new PayoutSchedule("payout_schedule", request.interval(), anchor, minimum);
	}

	PayoutSchedule of(String merchantId) {
		return this.jdbc
			.sql("select interval, weekly_anchor, minimum_amount from payout_schedule where merchant_id = ?")
			.param(merchantId)
			.query((rs, row) -> new PayoutSchedule("payout_schedule", rs.getString(1), rs.getString(2), rs.getLong(3)))
			.optional()
			.orElse(PayoutSchedule.manual());
	}

	/** Merchants due a scheduled payout on {@code day} that have not had it yet. */
	List<String> dueOn(LocalDate day, int limit) {
		String weekday = day.getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT);
		return this.jdbc.sql("""
				select merchant_id from payout_schedule
				 where (interval = 'daily' or (interval = 'weekly' and weekly_anchor = ?))
				   and (last_run_on is null or last_run_on < ?)
				 order by merchant_id limit ?""").params(weekday, Date.valueOf(day), limit).query(String.class).list();
	}

	/**
	 * Claims the merchant's run of {@code day}; false when another replica (or an earlier
	 * run) already did, so a day's payouts are made once.
	 */
	boolean claim(String merchantId, LocalDate day) {
		return this.jdbc.sql("""
				update payout_schedule set last_run_on = ?
				 where merchant_id = ? and (last_run_on is null or last_run_on < ?)""")
			.params(Date.valueOf(day), merchantId, Date.valueOf(day))
			.update() == 1;
	}

	long minimumOf(String merchantId) {
		return of(merchantId).minimumAmount();
	}

	/** The currencies in which the merchant has a bank account to be paid out to. */
	List<String> payoutCurrencies(String merchantId) {
		return this.jdbc.sql("""
				select distinct currency from vault.external_account
				 where merchant_id = ? and deleted_at is null order by currency""")
			.param(merchantId)
			.query(String.class)
			.list();
	}

}
