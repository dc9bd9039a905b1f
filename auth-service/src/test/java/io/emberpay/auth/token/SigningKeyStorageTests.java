package io.emberpay.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import io.emberpay.auth.AuthApi;
import io.emberpay.auth.AuthServiceTest;
import io.emberpay.auth.config.AuthProperties;
import io.emberpay.auth.crypto.SecretSealer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing keys survive a restart and never sit in the database in the clear. */
@AuthServiceTest
class SigningKeyStorageTests extends AuthApi {

	@Autowired
	private SigningKeys running;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private SecretSealer sealer;

	@Autowired
	private AuthProperties properties;

	@Test
	void aRestartedServiceSignsWithTheSameKeys() {
		SigningKeys restarted = new SigningKeys(this.jdbc, this.transactions, this.sealer, this.properties,
				Clock.systemUTC());
		assertThat(restarted.signingKey().getKeyID()).isEqualTo(this.running.signingKey().getKeyID());
		assertThat(restarted.signingKey().toJSONString()).isEqualTo(this.running.signingKey().toJSONString());
	}

	@Test
	void privateKeysAreSealedAtRest() {
		List<byte[]> sealed = this.jdbc.sql("select sealed_jwk from signing_key").query(byte[].class).list();
		assertThat(sealed).isNotEmpty();
		String privatePart = this.running.signingKey().getD().toString();
		for (byte[] row : sealed) {
			String text = new String(row, StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain(privatePart).doesNotContain("\"d\"").doesNotContain("P-256");
		}
	}

}
