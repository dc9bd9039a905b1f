package io.emberpay.starter.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Idempotency keys in PostgreSQL, so every replica sees the same keys. Claims are single
 * statements on the (caller, key) primary key: of any number of concurrent duplicates on
 * any number of replicas exactly one inserts, the rest see its row.
 */
public class IdempotencyStore {

	private final JdbcClient jdbc;

	private final IdempotencyProperties properties;

	IdempotencyStore(JdbcClient jdbc, IdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	public Claim claim(String callerId, String key, String method, String path, String requestHash) {
		String token = UUID.randomUUID().toString();
		// an expired key is as good as absent: the claim takes it over in the same
		// statement (one round trip per request instead of a delete and an insert)
		int inserted = this.jdbc.sql("""
				insert into idempotency_key (caller_id, idempotency_key, request_method, request_path, request_hash,
				    status, lock_token, locked_until, expires_at)
				values (?, ?, ?, ?, ?, 'in_progress', ?, now() + cast(? as interval), now() + cast(? as interval))
				on conflict (caller_id, idempotency_key) do update set request_method = excluded.request_method,
				    request_path = excluded.request_path, request_hash = excluded.request_hash, status = 'in_progress',
				    lock_token = excluded.lock_token, locked_until = excluded.locked_until, resource_id = null,
				    response_status = null, response_type = null, response_body = null, created_at = now(),
				    completed_at = null, expires_at = excluded.expires_at
				where idempotency_key.expires_at < now()""")
			.params(callerId, key, method, path, requestHash, token, interval(this.properties.lockTtl()),
					interval(this.properties.retention()))
			.update();
		if (inserted == 1) {
			return new Claim.Proceed(new IdempotencyScope(callerId, key, token, null));
		}
		Optional<StoredKey> stored = find(callerId, key);
		if (stored.isEmpty()) {
			// Purged between our insert and read: the client may simply retry.
			return new Claim.InProgress();
		}
		StoredKey row = stored.get();
		if (!row.requestHash().equals(requestHash)) {
			return new Claim.Mismatch();
		}
		if ("completed".equals(row.status())) {
			return new Claim.Replay(row.responseStatus(), row.responseType(), row.responseBody());
		}
		int taken = this.jdbc.sql("""
				update idempotency_key set lock_token = ?, locked_until = now() + cast(? as interval)
				where caller_id = ? and idempotency_key = ? and status = 'in_progress' and locked_until < now()""")
			.params(token, interval(this.properties.lockTtl()), callerId, key)
			.update();
		return (taken == 1) ? new Claim.Proceed(new IdempotencyScope(callerId, key, token, row.resourceId()))
				: new Claim.InProgress();
	}

	/**
	 * Records what the request created, in the transaction that creates it: if this
	 * request lost its key to a takeover meanwhile, the transaction fails and nothing is
	 * created twice.
	 */
	public void recordResource(IdempotencyScope scope, String resourceId) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A recovery point is recorded inside the resource's transaction");
		}
		int updated = this.jdbc.sql("""
				update idempotency_key set resource_id = ?
				where caller_id = ? and idempotency_key = ? and lock_token = ? and status = 'in_progress'""")
			.params(resourceId, scope.callerId(), scope.key(), scope.fencingToken())
			.update();
		if (updated != 1) {
			throw new ApiException(CommonError.IDEMPOTENCY_REQUEST_IN_PROGRESS,
					"Another request took over this Idempotency-Key", "Idempotency-Key");
		}
	}

	public void complete(IdempotencyScope scope, int status, String contentType, byte[] body) {
		this.jdbc.sql("""
				update idempotency_key set status = 'completed', response_status = ?, response_type = ?,
				    response_body = ?, completed_at = now(), lock_token = null, locked_until = null
				where caller_id = ? and idempotency_key = ? and lock_token = ?""")
			.params(status, contentType, body, scope.callerId(), scope.key(), scope.fencingToken())
			.update();
	}

	/**
	 * Lets a retry run after a request ended without a final answer (5xx). A claim that
	 * created nothing is forgotten, so the retry starts afresh. A claim that already
	 * created its resource (a payment that may have reached the acquirer before the
	 * database failed) keeps it: only its lock ends, so the retry takes the claim over
	 * and answers that resource as it stands instead of creating and charging a second
	 * one.
	 */
	public void release(IdempotencyScope scope) {
		this.jdbc.sql("""
				update idempotency_key set locked_until = now() - interval '1 millisecond'
				where caller_id = ? and idempotency_key = ? and lock_token = ? and resource_id is not null""")
			.params(scope.callerId(), scope.key(), scope.fencingToken())
			.update();
		this.jdbc.sql("""
				delete from idempotency_key
				where caller_id = ? and idempotency_key = ? and lock_token = ? and resource_id is null""")
			.params(scope.callerId(), scope.key(), scope.fencingToken())
			.update();
	}

	public Optional<StoredKey> find(String callerId, String key) {
		return this.jdbc.sql("""
				select idempotency_key, request_method, request_path, request_hash, status, resource_id,
				    response_status, response_type, response_body, created_at, expires_at
				from idempotency_key where caller_id = ? and idempotency_key = ? and expires_at >= now()""")
			.params(callerId, key)
			.query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getBytes(9),
					instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11))))
			.optional();
	}

	/**
	 * Deletes every stored key and response of one caller, whatever their state: an
	 * erased user's responses name what they paid for. Runs in the caller's transaction,
	 * so it commits or rolls back with the rest of the erasure.
	 */
	public int forgetCaller(String callerId) {
		return this.jdbc.sql("delete from idempotency_key where caller_id = ?").param(callerId).update();
	}

	int purgeExpired(int limit) {
		return this.jdbc.sql("""
				delete from idempotency_key where ctid in (
				    select ctid from idempotency_key where expires_at < now() limit ?)""").param(limit).update();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp == null) ? null : timestamp.toInstant();
	}

	private static String interval(java.time.Duration duration) {
		return duration.toMillis() + " milliseconds";
	}

	static ApiException missing() {
		return new ApiException(CommonError.IDEMPOTENCY_KEY_MISSING,
				"This request moves money and needs an Idempotency-Key header", "Idempotency-Key");
	}

	public record StoredKey(String key, String method, String path, String requestHash, String status,
			String resourceId, int responseStatus, String responseType, byte[] responseBody, Instant created,
			Instant expiresAt) {
	}

	public sealed interface Claim {

		record Proceed(IdempotencyScope scope) implements Claim {
		}

		record Replay(int status, String contentType, byte[] body) implements Claim {
		}

		record InProgress() implements Claim {
		}

		record Mismatch() implements Claim {
		}

	}

}
