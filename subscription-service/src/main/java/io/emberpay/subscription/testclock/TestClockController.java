package io.emberpay.subscription.testclock;

import java.time.Instant;

import io.emberpay.starter.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/test_helpers/test_clocks}: a test-mode merchant's clocks that subscriptions
 * made on them read their time from.
 */
@RestController
class TestClockController {

	private final TestClocks clocks;

	TestClockController(TestClocks clocks) {
		this.clocks = clocks;
	}

	@PostMapping("/v1/test_helpers/test_clocks")
	@ResponseStatus(HttpStatus.CREATED)
	TestClockView createTestClock(Caller caller, @Valid @RequestBody CreateTestClock request) {
		return TestClockView.of(this.clocks.create(caller, request.frozenTime(), request.name()));
	}

	@GetMapping("/v1/test_helpers/test_clocks/{id}")
	TestClockView testClock(Caller caller, @PathVariable String id) {
		return TestClockView.of(this.clocks.get(caller, id));
	}

	@PostMapping("/v1/test_helpers/test_clocks/{id}/advance")
	TestClockView advanceTestClock(Caller caller, @PathVariable String id,
			@Valid @RequestBody AdvanceTestClock request) {
		return TestClockView.of(this.clocks.advance(caller, id, request.frozenTime()));
	}

	@DeleteMapping("/v1/test_helpers/test_clocks/{id}")
	DeletedTestClock deleteTestClock(Caller caller, @PathVariable String id) {
		return this.clocks.delete(caller, id);
	}

	/**
	 * {@code frozen_time}: where the clock starts, an ISO 8601 instant (whole seconds).
	 */
	record CreateTestClock(Instant frozenTime, @Size(max = 300) String name) {
	}

	/** {@code frozen_time}: where to move the clock, later than its time now. */
	record AdvanceTestClock(Instant frozenTime) {
	}

}
