package io.emberpay.payment.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentMethodRepository {

	private static final String COLUMNS = """
			id, user_id, brand, last4, bin, exp_month, exp_year, fingerprint, created_at, type, bank_name, country,
			mandate_reference, mandate_accepted_at, mandate_ip, mandate_user_agent""";

	private final JdbcClient jdbc;

	PaymentMethodRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a method; routing number and holder are a bank debit's (the account number
	 * itself is in {@code sealed}).
	 */
	void insert(VaultedCard card, EnvelopeCipher.Sealed sealed, String routingNumber, String holderName,
			String holderType) {
		VaultedCard.Mandate mandate = card.mandate();
		this.jdbc.sql("""
				insert into vault.payment_method (id, user_id, brand, last4, bin, exp_month, exp_year, fingerprint,
				    number_ciphertext, wrapped_data_key, kek_version, created_at, type, bank_name, country,
				    routing_number, account_holder_name, account_holder_type, mandate_reference, mandate_accepted_at,
				    mandate_ip, mandate_user_agent)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(card.id(), card.userId(), card.brand(), card.last4(), card.bin(),
					(card.expMonth() == 0) ? null : card.expMonth(), (card.expYear() == 0) ? null : card.expYear(),
					card.fingerprint(), sealed.ciphertext(), sealed.wrappedDataKey(), sealed.kekVersion(),
					Timestamp.from(card.created()), card.type(), card.bankName(), card.country(), routingNumber,
					holderName, holderType, (mandate == null) ? null : mandate.reference(),
					(mandate == null) ? null : Timestamp.from(mandate.acceptedAt()),
					(mandate == null) ? null : mandate.ip(), (mandate == null) ? null : mandate.userAgent())
			.update();
	}

	Optional<DebitDetails> debitDetails(String id) {
		return this.jdbc.sql("select " + COLUMNS + """
				, routing_number, account_holder_name, account_holder_type from vault.payment_method where id = ?""")
			.param(id)
			.query((rs, n) -> new DebitDetails(rs.getString("country"), rs.getString("routing_number"),
					rs.getString("account_holder_name"), rs.getString("account_holder_type"), mandate(rs)))
			.optional();
	}

	Optional<VaultedCard> findActive(String userId, String id) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from vault.payment_method where id = ? and user_id = ? and detached_at is null")
			.params(id, userId)
			.query(PaymentMethodRepository::card)
			.optional();
	}

	List<VaultedCard> listActive(String userId, String startingAfter, int limitPlusOne) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from vault.payment_method
				where user_id = ? and detached_at is null and (cast(? as varchar) is null or id < ?)
				order by id desc limit ?""")
			.params(userId, startingAfter, startingAfter, limitPlusOne)
			.query(PaymentMethodRepository::card)
			.list();
	}

	boolean detach(String userId, String id) {
		return this.jdbc.sql(
				"update vault.payment_method set detached_at = now() where id = ? and user_id = ? and detached_at is null")
			.params(id, userId)
			.update() == 1;
	}

	/**
	 * Deletes the numbers of cards detached before {@code detachedBefore}; answers how
	 * many.
	 */
	int purgeDetachedNumbers(Instant detachedBefore) {
		return this.jdbc.sql("""
				update vault.payment_method set number_ciphertext = null, wrapped_data_key = null
				where detached_at < ? and number_ciphertext is not null""")
			.param(Timestamp.from(detachedBefore))
			.update();
	}

	Optional<EnvelopeCipher.Sealed> sealedNumber(String id) {
		return this.jdbc
			.sql("select number_ciphertext, wrapped_data_key, kek_version from vault.payment_method"
					+ " where id = ? and number_ciphertext is not null")
			.param(id)
			.query((rs, n) -> new EnvelopeCipher.Sealed(rs.getBytes(1), rs.getBytes(2), rs.getInt(3)))
			.optional();
	}

	/**
	 * Claims records wrapped under an old key; skips rows another replica is re-wrapping.
	 */
	List<WrappedKey> lockWrappedUnder(int notVersion, int limit) {
		return this.jdbc.sql("""
				select id, wrapped_data_key, kek_version from vault.payment_method
				where kek_version <> ? and wrapped_data_key is not null order by id limit ? for update skip locked""")
			.params(notVersion, limit)
			.query((rs, n) -> new WrappedKey(rs.getString(1), rs.getBytes(2), rs.getInt(3)))
			.list();
	}

	void updateWrappedKey(String id, byte[] wrappedDataKey, int kekVersion) {
		this.jdbc.sql("update vault.payment_method set wrapped_data_key = ?, kek_version = ? where id = ?")
			.params(wrappedDataKey, kekVersion, id)
			.update();
	}

	private static VaultedCard card(ResultSet rs, int row) throws SQLException {
		return new VaultedCard(rs.getString("id"), rs.getString("user_id"), rs.getString("brand"),
				rs.getString("last4"), rs.getString("bin"), rs.getInt("exp_month"), rs.getInt("exp_year"),
				rs.getString("fingerprint"), rs.getTimestamp("created_at").toInstant(), rs.getString("type"),
				rs.getString("bank_name"), rs.getString("country"), mandate(rs));
	}

	private static VaultedCard.Mandate mandate(ResultSet rs) throws SQLException {
		String reference = rs.getString("mandate_reference");
		if (reference == null) {
			return null;
		}
		return new VaultedCard.Mandate(reference, rs.getTimestamp("mandate_accepted_at").toInstant(),
				rs.getString("mandate_ip"), rs.getString("mandate_user_agent"));
	}

	/** A bank debit's details besides its sealed number. */
	record DebitDetails(String country, String routingNumber, String holderName, String holderType,
			VaultedCard.Mandate mandate) {
	}

	record WrappedKey(String id, byte[] wrappedDataKey, int kekVersion) {
	}

}
