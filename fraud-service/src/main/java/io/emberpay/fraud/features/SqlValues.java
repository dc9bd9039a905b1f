package io.emberpay.fraud.features;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Typed JDBC parameters: a null string still tells the driver its type, so PostgreSQL
 * never has to guess and the statement stays prepared.
 */
final class SqlValues {

	private SqlValues() {
	}

	static SqlParameterValue text(String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	static OffsetDateTime time(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
