package io.emberpay.payment.vault;

import java.util.Map;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentMethodController {

	private final CardVault vault;

	private final KeyRotation rotation;

	PaymentMethodController(CardVault vault, KeyRotation rotation) {
		this.vault = vault;
		this.rotation = rotation;
	}

	@PostMapping("/v1/payment_methods")
	@ResponseStatus(HttpStatus.CREATED)
	PaymentMethodView create(Caller caller, @Valid @RequestBody PaymentMethodRequest request,
			@RequestHeader(name = "X-Client-Ip", required = false) String clientIp) {
		// the gateway's X-Client-Ip is where a bank debit's mandate was accepted from,
		// unless
		// the app names it
		return this.vault.register(user(caller), request,
				(clientIp != null && clientIp.length() <= 64) ? clientIp : null);
	}

	@GetMapping("/v1/payment_methods")
	ListPage<PaymentMethodView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.vault.list(user(caller), PageQuery.of(limit, startingAfter));
	}

	@GetMapping("/v1/payment_methods/{id}")
	PaymentMethodView get(Caller caller, @PathVariable String id) {
		return this.vault.get(user(caller), id);
	}

	@DeleteMapping("/v1/payment_methods/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void detach(Caller caller, @PathVariable String id) {
		this.vault.detach(user(caller), id);
	}

	/**
	 * Operator hook to finish a key rotation now instead of waiting for the background
	 * job.
	 */
	@InternalCallers(operators = true)
	@PostMapping("/internal/v1/vault/rewrap")
	Map<String, Integer> rewrap() {
		return Map.of("rewrapped", this.rotation.rewrapAll());
	}

	private static String user(Caller caller) {
		if (!caller.isUser()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only users keep payment methods");
		}
		return caller.id();
	}

}
