package io.emberpay.ledger.fx;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's balance settings: the currency it settles in. Only a merchant has them,
 * like its balance, and one set per mode: a test key reads and changes the test ones.
 */
@RestController
class BalanceSettingsController {

	private final SettlementCurrencies settlementCurrencies;

	BalanceSettingsController(SettlementCurrencies settlementCurrencies) {
		this.settlementCurrencies = settlementCurrencies;
	}

	@GetMapping("/v1/balance/settings")
	BalanceSettings balanceSettings(Caller caller) {
		String merchant = merchant(caller);
		return new BalanceSettings("balance_settings",
				this.settlementCurrencies.find(merchant, caller.livemode()).orElse(null));
	}

	@PutMapping("/v1/balance/settings")
	BalanceSettings updateBalanceSettings(Caller caller, @RequestBody(required = false) SettingsRequest request) {
		String merchant = merchant(caller);
		String currency = (request == null) ? null : request.settlementCurrency();
		try {
			Money.currency(currency);
		}
		catch (ApiException ex) {
			throw ApiException.invalid("settlement_currency", ex.getMessage());
		}
		this.settlementCurrencies.choose(merchant, caller.livemode(), currency);
		return new BalanceSettings("balance_settings", currency);
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only a merchant has balance settings");
		}
		return caller.id();
	}

	/**
	 * {@code settlement_currency} null until the merchant chose one or was first paid.
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record BalanceSettings(String object, String settlementCurrency) {
	}

	record SettingsRequest(String settlementCurrency) {
	}

}
