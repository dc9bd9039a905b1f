package io.emberpay.notification.webhook.endpoint;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emberpay.notification.webhook.endpoint.WebhookEndpoint.EndpointStatus;
import io.emberpay.notification.webhook.signing.WebhookSecret;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhook endpoints in PostgreSQL. Every read is scoped to the owning merchant. */
@Repository
class WebhookEndpointStore {

	private static final String COLUMNS = "id, merchant, url, description, events, status, livemode, created_at";

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	WebhookEndpointStore(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void insert(WebhookEndpoint endpoint, WebhookSecret secret, String apiVersion) {
		this.jdbc.sql("""
				insert into webhook_endpoint (id, merchant, url, description, events, status, livemode,
				    secret_ciphertext, created_at, updated_at, api_version)
				values (:id, :merchant, :url, :description, :events, :status, :livemode, :secret, :created, :created,
				    :apiVersion)""")
			.param("apiVersion", apiVersion)
			.param("id", endpoint.id())
			.param("merchant", endpoint.merchant())
			.param("url", endpoint.url())
			.param("description", endpoint.description())
			.param("events", endpoint.events().toArray(String[]::new))
			.param("status", endpoint.status().value())
			.param("livemode", endpoint.livemode())
			.param("secret", this.cipher.encrypt(endpoint.id(), secret))
			.param("created", Timestamp.from(endpoint.created()))
			.update();
	}

	/**
	 * Serialises a merchant's endpoint creations, so the per-merchant limit holds under
	 * races.
	 */
	void lockMerchant(String merchant) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(merchant).query().singleRow();
	}

	int countActive(String merchant) {
		return this.jdbc.sql("select count(*) from webhook_endpoint where merchant = ? and status <> 'deleted'")
			.param(merchant)
			.query(Integer.class)
			.single();
	}

	/**
	 * The merchant's endpoint, locked for an update; empty if absent, deleted or not
	 * theirs.
	 */
	Optional<WebhookEndpoint> findForUpdate(String merchant, boolean livemode, String id) {
		return this.jdbc
			.sql("select " + COLUMNS + " from webhook_endpoint where id = ? and merchant = ? and livemode = ?"
					+ " and status <> 'deleted' for update")
			.params(id, merchant, livemode)
			.query(WebhookEndpointStore::endpoint)
			.optional();
	}

	Optional<WebhookEndpoint> find(String merchant, boolean livemode, String id) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from webhook_endpoint where id = ? and merchant = ? and livemode = ? and status <> 'deleted'")
			.params(id, merchant, livemode)
			.query(WebhookEndpointStore::endpoint)
			.optional();
	}

	List<WebhookEndpoint> list(String merchant, boolean livemode, int limitPlusOne, String startingAfter) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from webhook_endpoint
				where merchant = :merchant and livemode = :livemode and status <> 'deleted'
				  and (cast(:after as varchar) is null or id < :after)
				order by id desc limit :limit""")
			.param("merchant", merchant)
			.param("livemode", livemode)
			.param("after", startingAfter)
			.param("limit", limitPlusOne)
			.query(WebhookEndpointStore::endpoint)
			.list();
	}

	void update(WebhookEndpoint endpoint, Instant now) {
		this.jdbc.sql("""
				update webhook_endpoint set url = :url, description = :description, events = :events,
				    status = :status, updated_at = :now,
				    failing_since = case when :status = 'failing' then failing_since end
				where id = :id""")
			.param("id", endpoint.id())
			.param("url", endpoint.url())
			.param("description", endpoint.description())
			.param("events", endpoint.events().toArray(String[]::new))
			.param("status", endpoint.status().value())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Marks an endpoint deleted and cancels what was still waiting to be sent to it. */
	void delete(String id, Instant now) {
		this.jdbc.sql("update webhook_endpoint set status = 'deleted', updated_at = ? where id = ?")
			.params(Timestamp.from(now), id)
			.update();
		this.jdbc.sql("update webhook_delivery set state = 'canceled' where endpoint_id = ? and state = 'pending'")
			.param(id)
			.update();
	}

	/**
	 * Installs a new secret; the current one keeps signing until {@code previousUntil}.
	 */
	void rotate(String id, WebhookSecret next, Instant previousUntil, Instant now) {
		this.jdbc.sql("""
				update webhook_endpoint set previous_secret_ciphertext = secret_ciphertext,
				    previous_secret_expires_at = :until, secret_ciphertext = :next, updated_at = :now
				where id = :id""")
			.param("id", id)
			.param("until", Timestamp.from(previousUntil))
			.param("next", this.cipher.encrypt(id, next))
			.param("now", Timestamp.from(now))
			.update();
	}

	static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
		Array events = rs.getArray("events");
		return new WebhookEndpoint(rs.getString("id"), rs.getString("merchant"), rs.getString("url"),
				rs.getString("description"), List.of((String[]) events.getArray()),
				EndpointStatus.of(rs.getString("status")), rs.getBoolean("livemode"),
				rs.getTimestamp("created_at").toInstant());
	}

}
