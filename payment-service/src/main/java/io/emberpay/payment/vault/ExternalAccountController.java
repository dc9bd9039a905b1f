package io.emberpay.payment.vault;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's bank accounts for payouts; another merchant's answer 404. */
@RestController
class ExternalAccountController {

	private final ExternalAccountVault vault;

	ExternalAccountController(ExternalAccountVault vault) {
		this.vault = vault;
	}

	@PostMapping("/v1/external_accounts")
	@ResponseStatus(HttpStatus.CREATED)
	ExternalAccountView create(Caller caller, @Valid @RequestBody ExternalAccountRequest request) {
		return this.vault.register(merchant(caller), request);
	}

	@GetMapping("/v1/external_accounts")
	ListPage<ExternalAccountView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.vault.list(merchant(caller), PageQuery.of(limit, startingAfter));
	}

	@GetMapping("/v1/external_accounts/{id}")
	ExternalAccountView get(Caller caller, @PathVariable String id) {
		return this.vault.get(merchant(caller), id);
	}

	@DeleteMapping("/v1/external_accounts/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(Caller caller, @PathVariable String id) {
		this.vault.delete(merchant(caller), id);
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only merchants keep bank accounts for payouts");
		}
		return caller.id();
	}

}
