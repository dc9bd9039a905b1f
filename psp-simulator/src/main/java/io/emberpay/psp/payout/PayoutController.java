package io.emberpay.psp.payout;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.idempotency.KeyedAnswer;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The acquirer's payout API, {@code /{psp}/v1/payouts}, the same for both acquirers, and
 * the admin call that decides a payout now ({@code POST
 * /admin/{psp}/payouts/{id}/decide}).
 */
@RestController
class PayoutController {

	private final PayoutDesk desk;

	PayoutController(PayoutDesk desk) {
		this.desk = desk;
	}

	@PostMapping(path = "/{psp}/v1/payouts", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> pay(@PathVariable Acquirer psp, @RequestHeader("Idempotency-Key") String key,
			@Valid @RequestBody PayoutRequest request) {
		KeyedAnswer keyed = this.desk.pay(psp, key, request);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatusCode.valueOf(keyed.answer().status()))
			.contentType(MediaType.APPLICATION_JSON);
		if (keyed.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(keyed.answer().body());
	}

	@GetMapping(path = "/{psp}/v1/payouts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	PayoutView find(@PathVariable Acquirer psp, @PathVariable String id) {
		return this.desk.find(psp, id);
	}

	@PostMapping(path = "/admin/{psp}/payouts/{id}/decide", produces = MediaType.APPLICATION_JSON_VALUE)
	PayoutView decide(@PathVariable Acquirer psp, @PathVariable String id, @RequestBody Decision decision) {
		return this.desk.decide(psp, id, decision.status(), decision.failureCode());
	}

	record Decision(String status, String failureCode) {
	}

}
