package io.emberpay.auth.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The devices each user logged in from. */
@Repository
class Devices {

	private final JdbcClient jdbc;

	Devices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a login from the device; answers whether the user had never used it before.
	 */
	boolean sighted(String userId, String deviceId, String fingerprintHash, Instant now) {
		return this.jdbc.sql("""
				insert into user_device (user_id, device_id, fingerprint_hash, first_seen_at, last_seen_at)
				values (?, ?, ?, ?, ?)
				on conflict (user_id, device_id)
				do update set last_seen_at = excluded.last_seen_at,
				              fingerprint_hash = coalesce(excluded.fingerprint_hash, user_device.fingerprint_hash)
				returning (xmax = 0) as inserted""")
			.params(userId, deviceId, fingerprintHash, Timestamp.from(now), Timestamp.from(now))
			.query(Boolean.class)
			.single();
	}

	List<Device> list(String userId) {
		return this.jdbc
			.sql("select device_id, first_seen_at, last_seen_at from user_device where user_id = ?"
					+ " order by last_seen_at desc limit 100")
			.param(userId)
			.query((rs, n) -> new Device(rs.getString("device_id"), "device",
					rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant()))
			.list();
	}

	boolean forget(String userId, String deviceId) {
		return this.jdbc.sql("delete from user_device where user_id = ? and device_id = ?")
			.params(userId, deviceId)
			.update() == 1;
	}

	/** A device as its user sees it; the fingerprint hash stays internal. */
	record Device(String id, String object, Instant firstSeen, Instant lastSeen) {
	}

}
