package io.emberpay.auth.token;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.crypto.SecretSealer;
import io.emberpay.events.ResourceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign access tokens, kept in PostgreSQL sealed under the master key
 * so restarts and replicas share them. Rotation publishes a new key ahead of using it and
 * keeps the previous one published until the last token it signed has expired, so nobody
 * is logged out.
 */
@Component
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	/** Serialises rotation across replicas. */
	private static final long ROTATION_LOCK = 0x656d6265724a574bL;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SecretSealer sealer;

	private final AuthProperties.Tokens settings;

	private final Clock clock;

	private volatile KeyRing ring;

	SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, SecretSealer sealer, AuthProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.sealer = sealer;
		this.settings = properties.tokens();
		this.clock = clock;
	}

	/** The newest active key: the one new tokens are signed with. */
	public ECKey signingKey() {
		Instant now = this.clock.instant();
		return ring().keys()
			.stream()
			.filter(k -> !k.activatesAt().isAfter(now))
			.max(Comparator.comparing(StoredKey::activatesAt))
			.map(StoredKey::key)
			.orElseThrow(() -> new IllegalStateException("no active signing key"));
	}

	/** Public halves of every key that signs or may still have signed a live token. */
	public JWKSet publishedKeys() {
		return new JWKSet(ring().keys().stream().map(k -> k.key().toPublicJWK()).<JWK>map(k -> k).toList());
	}

	/** Starts a rotation now (an operator's request, e.g. after a suspected key leak). */
	public RotatedKey rotate() {
		RotatedKey rotated = this.transactions.execute(status -> rotateLocked(true));
		reload();
		return rotated;
	}

	/** Keeps the ring fresh (keys another replica created) and rotates when due. */
	@Scheduled(fixedDelayString = "${emberpay.auth.tokens.key-refresh-interval:PT1M}")
	void maintain() {
		this.transactions.execute(status -> rotateLocked(false));
		reload();
	}

	private KeyRing ring() {
		KeyRing current = this.ring;
		if (current == null) {
			synchronized (this) {
				if (this.ring == null) {
					this.transactions.execute(status -> rotateLocked(false));
					reload();
				}
				current = this.ring;
			}
		}
		return current;
	}

	private void reload() {
		Instant now = this.clock.instant();
		List<StoredKey> keys = this.jdbc
			.sql("select kid, sealed_jwk, activates_at, retires_at from signing_key"
					+ " where retires_at is null or retires_at > ? order by activates_at")
			.param(Timestamp.from(now))
			.query((rs, n) -> new StoredKey(open(rs.getString("kid"), rs.getBytes("sealed_jwk")),
					rs.getTimestamp("activates_at").toInstant()))
			.list();
		this.ring = new KeyRing(keys);
	}

	private RotatedKey rotateLocked(boolean force) {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query(Object.class).single();
		Instant now = this.clock.instant();
		Timestamp newest = this.jdbc.sql("select max(created_at) from signing_key where retires_at is null")
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		boolean first = newest == null;
		if (!force && !first && newest.toInstant().plus(this.settings.keyRotationPeriod()).isAfter(now)) {
			return null;
		}
		Instant activatesAt = first ? now : now.plus(this.settings.keyActivationDelay());
		Duration longestToken = max(this.settings.accessTtl(), this.settings.merchantTtl());
		Instant previousRetiresAt = activatesAt.plus(longestToken).plus(Duration.ofMinutes(1));
		this.jdbc.sql("update signing_key set retires_at = ? where retires_at is null")
			.param(Timestamp.from(previousRetiresAt))
			.update();
		ECKey key = generate();
		this.jdbc.sql("insert into signing_key (kid, sealed_jwk, created_at, activates_at) values (?, ?, ?, ?)")
			.params(key.getKeyID(),
					this.sealer.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8), key.getKeyID()),
					Timestamp.from(now), Timestamp.from(activatesAt))
			.update();
		log.info("Created signing key {} active from {}", key.getKeyID(), activatesAt);
		return new RotatedKey(key.getKeyID(), activatesAt);
	}

	private ECKey open(String kid, byte[] sealed) {
		try {
			return ECKey.parse(new String(this.sealer.open(sealed, kid), StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("signing key " + kid + " is corrupt", ex);
		}
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(ResourceIds.next("sk"))
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(com.nimbusds.jose.JWSAlgorithm.ES256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/** A key created by a rotation and when it starts signing. */
	public record RotatedKey(String kid, Instant activatesAt) {
	}

	private record StoredKey(ECKey key, Instant activatesAt) {
	}

	private record KeyRing(List<StoredKey> keys) {
	}

}
