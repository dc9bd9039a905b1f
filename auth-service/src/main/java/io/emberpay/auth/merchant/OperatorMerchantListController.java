package io.emberpay.auth.merchant;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (with a second factor) list merchants newest first and search them by name or
 * e-mail, a page at a time.
 */
@RestController
@Tag(name = "Merchants (operators)", description = "List and search merchants")
class OperatorMerchantListController {

	private static final int MAX_QUERY = 200;

	private final MerchantDirectory directory;

	private final Merchants merchants;

	OperatorMerchantListController(MerchantDirectory directory, Merchants merchants) {
		this.directory = directory;
		this.merchants = merchants;
	}

	@GetMapping("/v1/merchants")
	@Operation(summary = "Operator: list merchants, newest first",
			description = "query (optional) keeps the merchants whose name or e-mail contains it, ignoring case.")
	ListPage<Merchants.Merchant> list(@Parameter(hidden = true) Caller caller,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String query) {
		OperatorAccess.require(caller);
		PageQuery page = PageQuery.of(limit, startingAfter);
		String text = (query == null || query.isBlank()) ? null : query.strip();
		if (text != null && text.length() > MAX_QUERY) {
			throw ApiException.invalid("query", "query must be at most " + MAX_QUERY + " characters");
		}
		Merchants.Merchant after = (page.startingAfter() == null) ? null : this.merchants.byId(page.startingAfter())
			.orElseThrow(() -> ApiException.invalid("starting_after", "starting_after must be a merchant id"));
		return ListPage.of(this.directory.page(text, after, page.limit() + 1), page.limit(), merchant -> merchant);
	}

}
