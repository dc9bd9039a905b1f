package io.emberpay.psp.authorization;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The acquirer API, {@code /{psp}/v1/authorizations}, identical for both acquirers. */
@RestController
@RequestMapping(path = "/{psp}/v1/authorizations", produces = MediaType.APPLICATION_JSON_VALUE)
class AuthorizationController {

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final AuthorizationProcessor processor;

	AuthorizationController(AuthorizationProcessor processor) {
		this.processor = processor;
	}

	@PostMapping
	ResponseEntity<Object> authorize(@PathVariable Acquirer psp, @RequestHeader(IDEMPOTENCY_KEY) String key,
			@Valid @RequestBody AuthorizeRequest request) {
		return respond(this.processor.authorize(psp, key, request));
	}

	@PostMapping("/{id}/capture")
	ResponseEntity<Object> capture(@PathVariable Acquirer psp, @PathVariable String id,
			@RequestHeader(IDEMPOTENCY_KEY) String key, @Valid @RequestBody(required = false) CaptureRequest request) {
		return respond(this.processor.capture(psp, key, id, (request != null) ? request : CaptureRequest.FULL));
	}

	@PostMapping("/{id}/void")
	ResponseEntity<Object> voidHold(@PathVariable Acquirer psp, @PathVariable String id,
			@RequestHeader(IDEMPOTENCY_KEY) String key) {
		return respond(this.processor.voidHold(psp, key, id));
	}

	@PostMapping("/{id}/refunds")
	ResponseEntity<Object> refund(@PathVariable Acquirer psp, @PathVariable String id,
			@RequestHeader(IDEMPOTENCY_KEY) String key, @Valid @RequestBody RefundRequest request) {
		return respond(this.processor.refund(psp, key, id, request));
	}

	@GetMapping
	AuthorizationView findByIdempotencyKey(@PathVariable Acquirer psp,
			@RequestParam("idempotency_key") String idempotencyKey) {
		return this.processor.findByIdempotencyKey(psp, idempotencyKey);
	}

	@GetMapping("/{id}")
	AuthorizationView findById(@PathVariable Acquirer psp, @PathVariable String id) {
		return this.processor.findById(psp, id);
	}

	private static ResponseEntity<Object> respond(KeyedAnswer keyed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatusCode.valueOf(keyed.answer().status()))
			.contentType(MediaType.APPLICATION_JSON);
		if (keyed.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(keyed.answer().body());
	}

}
