package io.emberpay.console.balance;

import java.util.Map;

import io.emberpay.console.gateway.GatewayApi;
import io.emberpay.console.signin.ConsoleSession;
import io.emberpay.console.signin.SignedInApi;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The merchant's balance per currency and the movements that make it, newest first. */
@Controller
class BalanceController {

	private final SignedInApi api;

	BalanceController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/balance")
	String balance(@AuthenticationPrincipal ConsoleSession session,
			@RequestParam(name = "starting_after", required = false) String startingAfter, Model model) {
		Map<String, Object> balance = this.api.get(session, "/v1/balance");
		Map<String, Object> transactions = this.api.get(session, uri -> {
			uri.path("/v1/balance_transactions").queryParam("limit", 25);
			if (startingAfter != null && startingAfter.startsWith("btx_") && startingAfter.length() <= 64) {
				uri.queryParam("starting_after", startingAfter);
			}
			return uri.build();
		});
		model.addAttribute("balance", balance);
		model.addAttribute("transactions", GatewayApi.data(transactions));
		model.addAttribute("hasMore", GatewayApi.hasMore(transactions));
		return "balance";
	}

}
