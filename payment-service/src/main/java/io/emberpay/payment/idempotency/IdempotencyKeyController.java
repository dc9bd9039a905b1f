package io.emberpay.payment.idempotency;

import java.time.Instant;

import io.emberpay.starter.idempotency.IdempotencyFilter;
import io.emberpay.starter.idempotency.IdempotencyStore;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets a client that lost a response (offline mid-request) learn what became of it: still
 * running, or finished with which status and which resource.
 */
@RestController
class IdempotencyKeyController {

	private final IdempotencyStore store;

	IdempotencyKeyController(IdempotencyStore store) {
		this.store = store;
	}

	@GetMapping("/v1/idempotency_keys/{key}")
	KeyView get(Caller caller, @PathVariable String key) {
		IdempotencyStore.StoredKey stored = this.store
			.find(IdempotencyFilter.scope(caller.id(), caller.livemode()), key)
			.orElseThrow(() -> ApiException.notFound("idempotency key", key));
		return new KeyView(stored.key(), "idempotency_key", stored.status(), stored.method(), stored.path(),
				"completed".equals(stored.status()) ? stored.responseStatus() : null, stored.resourceId(),
				stored.created(), stored.expiresAt());
	}

	record KeyView(String key, String object, String status, String requestMethod, String requestPath,
			Integer responseStatus, String resource, Instant created, Instant expiresAt) {
	}

}
