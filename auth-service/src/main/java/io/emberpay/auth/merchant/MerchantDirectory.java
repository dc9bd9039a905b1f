package io.emberpay.auth.merchant;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Merchants as operators browse them: newest first, optionally only those whose name or
 * e-mail contains a text, a page at a time after a given merchant.
 */
@Repository
class MerchantDirectory {

	private final JdbcClient jdbc;

	MerchantDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code limit} merchants (the caller asks one more to learn whether more
	 * exist), newest first; {@code after} is the last merchant of the previous page, or
	 * null.
	 */
	List<Merchants.Merchant> page(String query, Merchants.Merchant after, int limit) {
		String contains = (query == null) ? null : "%" + escape(query.toLowerCase(Locale.ROOT)) + "%";
		// (created_at, id) orders merchants created in the same instant too
		return this.jdbc.sql("""
				select id, name, email, status, live_enabled, created_at from merchant
				where (cast(:contains as text) is null
				       or lower(name) like :contains escape '\\' or lower(email) like :contains escape '\\')
				  and (cast(:afterCreated as timestamptz) is null or (created_at, id) < (:afterCreated, :afterId))
				order by created_at desc, id desc limit :limit""")
			.param("contains", contains)
			.param("afterCreated", (after == null) ? null : Timestamp.from(after.created()))
			.param("afterId", (after == null) ? "" : after.id())
			.param("limit", limit)
			.query((rs, n) -> new Merchants.Merchant(rs.getString("id"), "merchant", rs.getString("name"),
					rs.getString("email"), rs.getString("status"), rs.getBoolean("live_enabled"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
