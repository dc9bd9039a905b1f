package io.emberpay.payment.offsession;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.emberpay.events.ResourceIds;
import io.emberpay.payment.PaymentError;
import io.emberpay.payment.auth.MerchantDirectory;
import io.emberpay.payment.payment.authorization.OffSessionConsent;
import io.emberpay.payment.vault.CardVault;
import io.emberpay.starter.problem.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Users' consents that a merchant may charge a saved payment method while they are not
 * there ({@code seti_}). A consent names one merchant and one method; it is live until
 * the user cancels it.
 */
@Component
class SetupIntents implements OffSessionConsent {

	private final JdbcClient jdbc;

	private final CardVault vault;

	private final MerchantDirectory merchants;

	private final Clock clock;

	SetupIntents(JdbcClient jdbc, CardVault vault, MerchantDirectory merchants, Clock clock) {
		this.jdbc = jdbc;
		this.vault = vault;
		this.merchants = merchants;
		this.clock = clock;
	}

	SetupIntent create(String user, boolean livemode, SetupIntentRequest request) {
		if (!"off_session".equals(request.usage())) {
			throw ApiException.invalid("usage", "usage must be off_session");
		}
		try {
			this.vault.find(user, request.paymentMethod());
		}
		catch (ApiException ex) {
			throw new ApiException(PaymentError.PAYMENT_METHOD_UNAVAILABLE,
					"No such payment method: '" + request.paymentMethod() + "'", "payment_method");
		}
		this.merchants.requireActive(request.merchant(), livemode);
		SetupIntent intent = new SetupIntent(ResourceIds.next("seti"), user, request.merchant(),
				request.paymentMethod(), "off_session", "succeeded", livemode, this.clock.instant(), null);
		this.jdbc.sql("""
				insert into setup_intent (id, user_id, merchant, payment_method, usage, status, livemode, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(intent.id(), user, intent.merchant(), intent.paymentMethod(), intent.usage(), intent.status(),
					livemode, Timestamp.from(intent.created()))
			.update();
		return intent;
	}

	Optional<SetupIntent> find(String user, String id) {
		return this.jdbc.sql("select * from setup_intent where id = ? and user_id = ?")
			.params(id, user)
			.query(SetupIntents::intent)
			.optional();
	}

	/** Withdraws the consent; later off-session charges under it are refused. */
	Optional<SetupIntent> cancel(String user, String id) {
		this.jdbc.sql("""
				update setup_intent set status = 'canceled', canceled_at = ?
				where id = ? and user_id = ? and status = 'succeeded'""")
			.params(Timestamp.from(this.clock.instant()), id, user)
			.update();
		return find(user, id);
	}

	@Override
	public boolean isLive(String user, String merchant, String paymentMethod, boolean livemode) {
		return this.jdbc.sql("""
				select count(*) from setup_intent
				where user_id = ? and merchant = ? and payment_method = ? and livemode = ? and status = 'succeeded'""")
			.params(user, merchant, paymentMethod, livemode)
			.query(Long.class)
			.single() > 0;
	}

	private static SetupIntent intent(ResultSet rs, int row) throws SQLException {
		Timestamp canceled = rs.getTimestamp("canceled_at");
		return new SetupIntent(rs.getString("id"), rs.getString("user_id"), rs.getString("merchant"),
				rs.getString("payment_method"), rs.getString("usage"), rs.getString("status"),
				rs.getBoolean("livemode"), rs.getTimestamp("created_at").toInstant(),
				(canceled != null) ? canceled.toInstant() : null);
	}

	record SetupIntent(String id, String user, String merchant, String paymentMethod, String usage, String status,
			boolean livemode, Instant created, Instant canceledAt) {
	}

}
