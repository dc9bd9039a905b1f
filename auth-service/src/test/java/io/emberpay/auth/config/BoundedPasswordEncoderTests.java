package io.emberpay.auth.config;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedPasswordEncoderTests {

	@Test
	void refusesWithServiceUnavailableWhenAllHashSlotsStayBusy() throws Exception {
		CountDownLatch hashing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		PasswordEncoder slow = new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				return raw.toString();
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				hashing.countDown();
				try {
					return release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		};
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 1, Duration.ofMillis(50));
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> bounded.matches("a", "a"));
		assertThat(hashing.await(5, TimeUnit.SECONDS)).isTrue();

		assertThatThrownBy(() -> bounded.encode("b")).isInstanceOfSatisfying(ApiException.class, ex -> {
			assertThat(ex.error()).isEqualTo(CommonError.SERVICE_UNAVAILABLE);
			assertThat(ex.retryAfter()).isPositive();
		});
		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(bounded.encode("c")).as("the slot is free again").isEqualTo("c");
	}

}
