package io.emberpay.payment.psp;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/acquirers/audit}: operators (with MFA) read the routing changes, newest
 * first, optionally of one acquirer ({@code psp}); {@code starting_after} is the id of
 * the last change of the previous page.
 */
@RestController
class AcquirerRoutingAuditController {

	private final AcquirerRoutingAudit audit;

	AcquirerRoutingAuditController(AcquirerRoutingAudit audit) {
		this.audit = audit;
	}

	@GetMapping("/v1/acquirers/audit")
	ListPage<AcquirerRoutingAudit.RoutingChange> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String psp) {
		OperatorAccess.require(caller);
		PageQuery page = PageQuery.of(limit, startingAfter);
		long before = (page.startingAfter() == null) ? Long.MAX_VALUE : changeId(page.startingAfter());
		if (psp != null && !psp.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
			throw ApiException.invalid("psp", "psp must be an acquirer's name");
		}
		return ListPage.of(this.audit.changes(psp, before, page.limit() + 1), page.limit(), change -> change);
	}

	private static long changeId(String id) {
		try {
			long value = Long.parseLong(id);
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the 400 below
		}
		throw ApiException.invalid("starting_after", "starting_after must be a routing change id");
	}

}
