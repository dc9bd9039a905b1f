package io.emberpay.subscription.billing;

import java.time.Instant;
import java.util.List;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/invoices}: a user sees its own invoices, a merchant those it issued. */
@RestController
class InvoiceController {

	private final InvoiceStore invoices;

	InvoiceController(InvoiceStore invoices) {
		this.invoices = invoices;
	}

	@GetMapping("/v1/invoices")
	ListPage<InvoiceView> list(Caller caller, @RequestParam(required = false) String subscription,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		PageQuery page = PageQuery.of(limit, startingAfter);
		List<Invoice> rows = caller.isMerchant() ? this.invoices.ofMerchant(caller.id(), subscription, page)
				: this.invoices.ofCustomer(caller.id(), subscription, page);
		return ListPage.of(rows, page.limit(), InvoiceView::of);
	}

	@GetMapping("/v1/invoices/{id}")
	InvoiceView get(Caller caller, @PathVariable String id) {
		return this.invoices.find(id)
			.filter(invoice -> caller.id().equals(caller.isMerchant() ? invoice.merchant() : invoice.customer()))
			.map(InvoiceView::of)
			.orElseThrow(() -> ApiException.notFound("invoice", id));
	}

	record InvoiceView(String id, String object, String subscription, String customer, String merchant, long amountDue,
			String currency, String status, String billingReason, Instant periodStart, Instant periodEnd,
			List<InvoiceLine> lines, int attemptCount, Instant nextPaymentAttempt, String payment, String failureCode,
			boolean livemode, Instant created, Instant paidAt) {

		static InvoiceView of(Invoice invoice) {
			return new InvoiceView(invoice.id(), "invoice", invoice.subscription(), invoice.customer(),
					invoice.merchant(), invoice.amountDue(), invoice.currency(), invoice.status().wire(),
					invoice.billingReason(), invoice.periodStart(), invoice.periodEnd(), invoice.lines(),
					invoice.attemptCount(), (invoice.status() == InvoiceStatus.OPEN) ? invoice.nextAttemptAt() : null,
					invoice.payment(), invoice.failureCode(), invoice.livemode(), invoice.created(), invoice.paidAt());
		}

	}

}
