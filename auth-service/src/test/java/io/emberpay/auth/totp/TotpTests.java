package io.emberpay.auth.totp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

	private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	/** RFC 6238 Appendix B. */
	@ParameterizedTest
	@CsvSource({ "59, 94287082, 46119246, 90693936", "1111111109, 07081804, 68084774, 25091201",
			"1111111111, 14050471, 67062674, 99943326", "1234567890, 89005924, 91819424, 93441116",
			"2000000000, 69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
	void matchesRfc6238TestVectors(long unixTime, String sha1, String sha256, String sha512) {
		long step = Totp.step(Instant.ofEpochSecond(unixTime));
		assertThat(Totp.code(SHA1_SEED, step, "HmacSHA1", 8)).isEqualTo(sha1);
		assertThat(Totp.code(SHA256_SEED, step, "HmacSHA256", 8)).isEqualTo(sha256);
		assertThat(Totp.code(SHA512_SEED, step, "HmacSHA512", 8)).isEqualTo(sha512);
	}

	@Test
	void acceptsOneStepOfDriftEitherWayAndNoMore() {
		Instant now = Instant.ofEpochSecond(1_700_000_000L);
		long step = Totp.step(now);
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now, -1)).hasValue(step - 1);
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now, -1)).hasValue(step + 1);
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now, -1)).isEmpty();
		assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now, -1)).isEmpty();
	}

	@Test
	void refusesACodeOfAStepAlreadyUsed() {
		Instant now = Instant.ofEpochSecond(1_700_000_000L);
		long step = Totp.step(now);
		String code = Totp.code(SHA1_SEED, step);
		assertThat(Totp.matchingStep(SHA1_SEED, code, now, step - 1)).hasValue(step);
		assertThat(Totp.matchingStep(SHA1_SEED, code, now, step)).isEmpty();
	}

	@Test
	void refusesMalformedCodes() {
		Instant now = Instant.ofEpochSecond(1_700_000_000L);
		assertThat(Totp.matchingStep(SHA1_SEED, null, now, -1)).isEmpty();
		assertThat(Totp.matchingStep(SHA1_SEED, "12345", now, -1)).isEmpty();
		assertThat(Totp.matchingStep(SHA1_SEED, "12345a", now, -1)).isEmpty();
	}

	@Test
	void encodesSecretsInRfc4648Base32() {
		assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Base32.encode(SHA1_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	}

}
