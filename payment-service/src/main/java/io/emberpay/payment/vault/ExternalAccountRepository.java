package io.emberpay.payment.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ExternalAccountRepository {

	private static final String COLUMNS = """
			id, merchant_id, kind, country, currency, bank_name, last4, routing_number, fingerprint, created_at,
			deleted_at""";

	private final JdbcClient jdbc;

	ExternalAccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ExternalAccount account, EnvelopeCipher.Sealed sealed) {
		this.jdbc.sql("""
				insert into vault.external_account (id, merchant_id, kind, country, currency, bank_name, last4,
				    routing_number, fingerprint, number_ciphertext, wrapped_data_key, kek_version, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(account.id(), account.merchantId(), account.kind(), account.country(), account.currency(),
					account.bankName(), account.last4(), account.routingNumber(), account.fingerprint(),
					sealed.ciphertext(), sealed.wrappedDataKey(), sealed.kekVersion(),
					Timestamp.from(account.created()))
			.update();
	}

	/** The merchant's account, deleted or not; another merchant's is empty. */
	Optional<ExternalAccount> find(String merchantId, String id) {
		return this.jdbc.sql("select " + COLUMNS + " from vault.external_account where id = ? and merchant_id = ?")
			.params(id, merchantId)
			.query(ExternalAccountRepository::account)
			.optional();
	}

	/** The merchant's newest active account in the currency, where its payouts go. */
	Optional<ExternalAccount> defaultFor(String merchantId, String currency) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from vault.external_account
				where merchant_id = ? and currency = ? and deleted_at is null order by id desc limit 1""")
			.params(merchantId, currency)
			.query(ExternalAccountRepository::account)
			.optional();
	}

	List<ExternalAccount> listActive(String merchantId, String startingAfter, int limitPlusOne) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from vault.external_account
				where merchant_id = ? and deleted_at is null and (cast(? as varchar) is null or id < ?)
				order by id desc limit ?""")
			.params(merchantId, startingAfter, startingAfter, limitPlusOne)
			.query(ExternalAccountRepository::account)
			.list();
	}

	boolean delete(String merchantId, String id) {
		return this.jdbc.sql("""
				update vault.external_account set deleted_at = now()
				 where id = ? and merchant_id = ? and deleted_at is null""").params(id, merchantId).update() == 1;
	}

	Optional<EnvelopeCipher.Sealed> sealedNumber(String id) {
		return this.jdbc
			.sql("select number_ciphertext, wrapped_data_key, kek_version from vault.external_account where id = ?")
			.param(id)
			.query((rs, n) -> new EnvelopeCipher.Sealed(rs.getBytes(1), rs.getBytes(2), rs.getInt(3)))
			.optional();
	}

	private static ExternalAccount account(ResultSet rs, int row) throws SQLException {
		Timestamp deleted = rs.getTimestamp("deleted_at");
		return new ExternalAccount(rs.getString("id"), rs.getString("merchant_id"), rs.getString("kind"),
				rs.getString("country"), rs.getString("currency"), rs.getString("bank_name"), rs.getString("last4"),
				rs.getString("routing_number"), rs.getString("fingerprint"), rs.getTimestamp("created_at").toInstant(),
				(deleted == null) ? null : deleted.toInstant());
	}

}
