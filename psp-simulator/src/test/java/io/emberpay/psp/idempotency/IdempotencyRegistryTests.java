package io.emberpay.psp.idempotency;

import java.util.concurrent.atomic.AtomicInteger;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.config.PspProperties;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import io.emberpay.psp.stats.ChargeStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyRegistryTests {

	private final ChargeStats stats = new ChargeStats(new SimpleMeterRegistry());

	private final IdempotencyRegistry registry = new IdempotencyRegistry(
			new PspProperties(10, 2, 1024, null, null, null), this.stats);

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void runsOnceAndReplaysTheStoredAnswer() {
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /x", "body");

		KeyedAnswer first = this.registry.execute(Acquirer.PSP_A, "k1", fingerprint, this::call);
		KeyedAnswer second = this.registry.execute(Acquirer.PSP_A, "k1", RequestFingerprint.of("POST /x", "body"),
				this::call);

		assertThat(first.replayed()).isFalse();
		assertThat(second.replayed()).isTrue();
		assertThat(second.answer()).isEqualTo(first.answer());
		assertThat(this.runs).hasValue(1);
		assertThat(this.stats.snapshot().get("psp-a").idempotentReplays()).isEqualTo(1);
	}

	@Test
	void storesARefusalButReleasesTheKeyAfterAnUnexpectedFailure() {
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /x", null);
		this.registry.execute(Acquirer.PSP_A, "refused", fingerprint, () -> {
			throw new PspException(PspError.INVALID_STATE, "no");
		});
		assertThatThrownBy(() -> this.registry.execute(Acquirer.PSP_A, "broken", fingerprint, () -> {
			throw new IllegalStateException("boom");
		})).isInstanceOf(IllegalStateException.class);

		KeyedAnswer refusedAgain = this.registry.execute(Acquirer.PSP_A, "refused", fingerprint, this::call);
		KeyedAnswer brokenAgain = this.registry.execute(Acquirer.PSP_A, "broken", fingerprint, this::call);

		assertThat(refusedAgain.answer().status()).isEqualTo(409);
		assertThat(brokenAgain.replayed()).isFalse();
		assertThat(brokenAgain.answer().status()).isEqualTo(200);
	}

	@Test
	void forgetsTheOldestKeysBeyondItsCapacity() {
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /x", null);
		for (String key : new String[] { "a", "b", "c" }) {
			this.registry.execute(Acquirer.PSP_B, key, fingerprint, this::call);
		}

		assertThat(this.registry.authorizationFor(Acquirer.PSP_B, "a")).isEmpty();
		assertThat(this.registry.authorizationFor(Acquirer.PSP_B, "c")).contains("auth_3");
		assertThat(this.registry.authorizationFor(Acquirer.PSP_A, "c")).isEmpty();
	}

	private Outcome call() {
		int run = this.runs.incrementAndGet();
		return new Outcome(new StoredAnswer(200, "answer " + run), "auth_" + run);
	}

}
