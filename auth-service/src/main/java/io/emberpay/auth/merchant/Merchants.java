package io.emberpay.auth.merchant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code merchant} table. */
@Repository
class Merchants {

	private final JdbcClient jdbc;

	Merchants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String id, String name, String email, Instant now) {
		this.jdbc.sql("insert into merchant (id, name, email, created_at) values (?, ?, ?, ?)")
			.params(id, name, email, Timestamp.from(now))
			.update();
	}

	/**
	 * Pins the merchant to {@code apiVersion} unless it already has a version: the
	 * version its keys get when a request names none.
	 */
	void pinApiVersion(String id, String apiVersion) {
		this.jdbc.sql("update merchant set api_version = ? where id = ? and api_version is null")
			.params(apiVersion, id)
			.update();
	}

	Optional<Merchant> byId(String id) {
		return this.jdbc.sql("select id, name, email, status, live_enabled, created_at from merchant where id = ?")
			.param(id)
			.query((rs, n) -> new Merchant(rs.getString("id"), "merchant", rs.getString("name"), rs.getString("email"),
					rs.getString("status"), rs.getBoolean("live_enabled"), rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	boolean approveLive(String id, String operatorId, Instant now) {
		return this.jdbc
			.sql("update merchant set live_enabled = true, live_approved_by = ?, live_approved_at = ? where id = ?"
					+ " and not live_enabled")
			.params(operatorId, Timestamp.from(now), id)
			.update() == 1;
	}

	boolean suspend(String id) {
		return this.jdbc.sql("update merchant set status = 'suspended' where id = ? and status = 'active'")
			.param(id)
			.update() == 1;
	}

	record Merchant(String id, String object, String name, String email, String status, boolean liveEnabled,
			Instant created) {
	}

}
