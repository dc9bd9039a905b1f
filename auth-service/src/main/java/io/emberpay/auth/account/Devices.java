package io.emberpay.auth.account;

import java.sql.Timestamp;
import java.time.Instant;

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

}
