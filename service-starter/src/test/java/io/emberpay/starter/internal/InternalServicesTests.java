package io.emberpay.starter.internal;

import java.time.Duration;
import java.util.Map;

import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.security.InternalCallers;
import io.emberpay.testkit.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The typed internal clients against a real server: typed bodies both ways in snake_case,
 * replies with fields the caller does not know still read, the service token, request id
 * propagated, and each kind of failure told apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(InternalServicesTests.Callee.class)
class InternalServicesTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	InternalServices services;

	@Autowired
	MeterRegistry meters;

	private CalleeApi callee(Duration timeout) {
		return this.services.client(CalleeApi.class, "starter-test", "http://localhost:" + this.port, timeout);
	}

	@Test
	void aTypedCallSendsSnakeCaseAndReadsAReplyWithFieldsItDoesNotKnow() {
		Echo echo = callee(Duration.ofSeconds(5)).echo(new Question("pay_1", 1250L));

		assertThat(echo.paymentId()).isEqualTo("pay_1");
		assertThat(echo.amountMinor()).isEqualTo(1250L);
		assertThat(echo.caller()).isEqualTo("starter-test");
	}

	@Test
	void theRequestIdBeingServedTravelsWithTheCall() {
		MDC.put(RequestId.MDC_KEY, "req_internal_test");
		try {
			assertThat(callee(Duration.ofSeconds(5)).echo(new Question("pay_2", 1L)).requestId())
				.isEqualTo("req_internal_test");
		}
		finally {
			MDC.remove(RequestId.MDC_KEY);
		}
	}

	@Test
	void anErrorStatusIsRefusedWithTheCalleesProblem() {
		assertThatExceptionOfType(ServiceRefused.class).isThrownBy(() -> callee(Duration.ofSeconds(5)).refuse(409))
			.satisfies((refused) -> {
				assertThat(refused.status()).isEqualTo(409);
				assertThat(refused.code()).isEqualTo("idempotency_conflict");
				assertThat(refused.param()).isEqualTo("amount");
				assertThat(refused.text("payment")).isEqualTo("pay_9");
			});
		assertThatExceptionOfType(ServiceRefused.class).isThrownBy(() -> callee(Duration.ofSeconds(5)).refuse(503))
			.satisfies((refused) -> assertThat(refused.status()).isEqualTo(503));
	}

	@Test
	void noAnswerInTimeIsATimeoutNotAnOutage() {
		assertThatExceptionOfType(ServiceTimedOut.class)
			.isThrownBy(() -> callee(Duration.ofMillis(200)).slow(new Question("pay_3", 1L)));
	}

	@Test
	void nobodyListeningAndAnUnreadableBodyAreUnreachable() {
		CalleeApi nobody = this.services.client(CalleeApi.class, "starter-test", "http://localhost:1",
				Duration.ofSeconds(1));
		assertThatExceptionOfType(ServiceUnreachable.class).isThrownBy(() -> nobody.echo(new Question("p", 1L)))
			.isNotInstanceOf(ServiceTimedOut.class);
		assertThatExceptionOfType(ServiceUnreachable.class)
			.isThrownBy(() -> callee(Duration.ofSeconds(5)).garbage(new Question("pay_4", 1L)));
	}

	@Test
	void everyCallIsTimedByTheCalleesUriTemplate() {
		callee(Duration.ofSeconds(5)).echo(new Question("pay_5", 1L));

		assertThat(this.meters.find("http.client.requests").tag("uri", "/internal/v1/test/echo").timer()).isNotNull()
			.satisfies((timer) -> assertThat(timer.count()).isPositive());
	}

	record Question(String paymentId, Long amountMinor) {
	}

	record Echo(String paymentId, long amountMinor, String caller, String requestId) {
	}

	@HttpExchange(url = "/internal/v1/test", accept = "application/json", contentType = "application/json")
	interface CalleeApi {

		@PostExchange("/echo")
		Echo echo(@RequestBody Question question);

		@PostExchange("/refuse/{status}")
		Echo refuse(@PathVariable int status);

		@PostExchange("/slow")
		Echo slow(@RequestBody Question question);

		@PostExchange("/garbage")
		Echo garbage(@RequestBody Question question);

	}

	@TestConfiguration
	static class Callee {

		@RestController
		@InternalCallers("starter-test")
		static class Endpoints {

			@PostMapping("/internal/v1/test/echo")
			Map<String, Object> echo(@RequestBody Map<String, Object> body, HttpServletRequest request) {
				return Map.of("payment_id", body.get("payment_id"), "amount_minor", body.get("amount_minor"), "caller",
						"starter-test", "request_id", String.valueOf(request.getHeader(RequestId.HEADER)),
						"added_later", Map.of("a", 1));
			}

			@PostMapping("/internal/v1/test/refuse/{status}")
			ResponseEntity<Map<String, Object>> refuse(@PathVariable int status) {
				return ResponseEntity.status(HttpStatus.valueOf(status))
					.body(Map.of("code", "idempotency_conflict", "param", "amount", "payment", "pay_9"));
			}

			@PostMapping("/internal/v1/test/slow")
			Map<String, Object> slow(@RequestBody Map<String, Object> body) throws InterruptedException {
				Thread.sleep(1500);
				return body;
			}

			@PostMapping(path = "/internal/v1/test/garbage", produces = "application/json")
			String garbage(@RequestBody Map<String, Object> body) {
				return "{not json";
			}

		}

	}

}
