package io.emberpay.starter.privacy;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of one kind of a user's records for a {@link PersonalDataSource}, bounded the
 * same way in every service: a user past the bound is a case for support, not a single
 * response.
 */
public final class PersonalDataRows {

	/** The most rows of one kind an export holds. */
	public static final int MAX_ROWS = 10_000;

	private final JdbcClient jdbc;

	public PersonalDataRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The rows of {@code sql}, whose first parameter is the user and second the bound
	 * ({@code ... where user_id = ? ... limit ?}).
	 */
	public List<Map<String, Object>> of(String sql, String userId) {
		return this.jdbc.sql(sql).params(userId, MAX_ROWS).query().listOfRows();
	}

}
