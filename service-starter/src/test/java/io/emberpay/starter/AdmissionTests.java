package io.emberpay.starter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.emberpay.testkit.ApiClient;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.emberpay.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past its concurrency limit a service refuses at once with a 503 problem and
 * {@code Retry-After}, the refused request never reaches a handler, probes stay
 * reachable, and a database that cannot give a connection is a 503, not a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "emberpay.admission.max-concurrent-requests=2", "emberpay.admission.max-queue-wait=0ms",
				"emberpay.admission.retry-after=3s", "emberpay.security.public-paths=/v1/admission-test/**" })
@RealInfrastructure
@Import(AdmissionTests.SlowEndpoints.class)
class AdmissionTests {

	static volatile CountDownLatch release;

	static volatile CountDownLatch bothInside;

	static final AtomicInteger handled = new AtomicInteger();

	@Value("${local.server.port}")
	int port;

	@BeforeEach
	void holdRequests() {
		release = new CountDownLatch(1);
		bothInside = new CountDownLatch(2);
		handled.set(0);
	}

	@AfterEach
	void releaseHeldRequests() {
		release.countDown();
	}

	@Test
	void aRequestBeyondTheLimitIsRefusedWithRetryAfterAndNeverReachesItsHandler() throws Exception {
		ApiClient client = new ApiClient("http://localhost:" + this.port);
		ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
		Future<ApiClient.Response> first = callers.submit(() -> client.get("/v1/admission-test/slow"));
		Future<ApiClient.Response> second = callers.submit(() -> client.get("/v1/admission-test/slow"));
		assertThat(bothInside.await(10, TimeUnit.SECONDS)).isTrue();

		ApiClient.Response refused = client.get("/v1/admission-test/slow");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isEqualTo("3");
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("code").asString()).isEqualTo("service_unavailable");
		assertThat(refused.json().get("request_id").asString()).startsWith("req_");
		assertThat(handled.get()).isEqualTo(2);
		assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(200);

		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
		bothInside = new CountDownLatch(1);
		assertThat(client.get("/v1/admission-test/slow").status()).isEqualTo(200);
		callers.shutdown();
	}

	@Test
	void aDatabaseWithoutConnectionsIsAServiceUnavailableNotABug() {
		ApiClient.Response response = new ApiClient("http://localhost:" + this.port)
			.get("/v1/admission-test/no-connection");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.json().get("code").asString()).isEqualTo("service_unavailable");
	}

	@Test
	void aDatabaseFailureInAFilterIsAServiceUnavailableProblemAndABugIsAProblemToo() {
		ApiClient client = new ApiClient("http://localhost:" + this.port);
		ApiClient.Response busy = client.get("/v1/admission-test/filter-no-connection");
		assertThat(busy.status()).isEqualTo(503);
		assertThat(busy.header("Content-Type")).startsWith("application/problem+json");
		assertThat(busy.header("Retry-After")).isNotBlank();
		assertThat(busy.json().get("code").asString()).isEqualTo("service_unavailable");

		ApiClient.Response bug = client.get("/v1/admission-test/filter-bug");
		assertThat(bug.status()).isEqualTo(500);
		assertThat(bug.header("Content-Type")).startsWith("application/problem+json");
		assertThat(bug.json().get("code").asString()).isEqualTo("internal_error");
		assertThat(bug.body()).doesNotContain("IllegalStateException");
	}

	@TestConfiguration
	static class SlowEndpoints {

		/**
		 * Fails the way a filter does when its database has no connection, or has a bug.
		 */
		@Bean
		OncePerRequestFilter failingFilter() {
			return new OncePerRequestFilter() {
				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					if (request.getRequestURI().endsWith("/filter-no-connection")) {
						throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
					}
					if (request.getRequestURI().endsWith("/filter-bug")) {
						throw new IllegalStateException("a bug in a filter");
					}
					chain.doFilter(request, response);
				}
			};
		}

		@RestController
		static class Slow {

			@GetMapping("/v1/admission-test/slow")
			String slow() throws InterruptedException {
				handled.incrementAndGet();
				bothInside.countDown();
				release.await(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
				return "{}";
			}

			@GetMapping("/v1/admission-test/no-connection")
			String noConnection() {
				throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
			}

		}

	}

}
