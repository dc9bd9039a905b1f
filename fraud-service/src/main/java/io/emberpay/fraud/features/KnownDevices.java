package io.emberpay.fraud.features;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Devices a user has proven by logging in on them or paying from them successfully. A
 * scoring request alone never makes a device known, or a fraudster's second try would
 * look familiar.
 */
@Component
class KnownDevices {

	private final JdbcClient jdbc;

	KnownDevices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void remember(String user, String device, Instant seenAt) {
		if (user == null || device == null) {
			return;
		}
		this.jdbc
			.sql("""
					insert into user_device as d (user_id, device_id, first_seen, last_seen) values (:user, :device, :at, :at)
					on conflict (user_id, device_id) do update set last_seen = greatest(d.last_seen, excluded.last_seen)""")
			.param("user", user)
			.param("device", device)
			.param("at", SqlValues.time(seenAt))
			.update();
	}

}
