package io.emberpay.ledger.funds;

import java.util.List;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's balance transactions, newest first. Like {@code /v1/balance}, only a
 * merchant has them, and only those of its credential's mode; another merchant's id, or
 * one of the other mode, answers 404.
 */
@RestController
class BalanceTransactionController {

	private final BalanceTransactions balanceTransactions;

	BalanceTransactionController(BalanceTransactions balanceTransactions) {
		this.balanceTransactions = balanceTransactions;
	}

	@GetMapping("/v1/balance_transactions")
	ListPage<BalanceTransactionView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		String merchant = merchant(caller);
		PageQuery page = PageQuery.of(limit, startingAfter);
		Long before = null;
		if (page.startingAfter() != null) {
			before = this.balanceTransactions.positionOf(merchant, caller.livemode(), page.startingAfter())
				.orElseThrow(() -> ApiException.invalid("starting_after",
						"starting_after must be the id of one of your balance transactions"));
		}
		List<BalanceTransactionView> rows = this.balanceTransactions.list(merchant, caller.livemode(), before,
				page.limit() + 1);
		return ListPage.of(rows, page.limit(), row -> row);
	}

	@GetMapping("/v1/balance_transactions/{id}")
	BalanceTransactionView one(Caller caller, @PathVariable String id) {
		return this.balanceTransactions.find(merchant(caller), caller.livemode(), id)
			.orElseThrow(() -> ApiException.notFound("balance transaction", id));
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Only a merchant has balance transactions");
		}
		return caller.id();
	}

}
