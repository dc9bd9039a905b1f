package io.emberpay.payment.payment;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.stereotype.Service;

/** Reads of payments, each checked against the caller. */
@Service
public class PaymentQueries {

	private final PaymentRepository payments;

	PaymentQueries(PaymentRepository payments) {
		this.payments = payments;
	}

	public Payment get(Caller caller, String id) {
		Payment payment = this.payments.find(id).orElseThrow(() -> ApiException.notFound("payment", id));
		return PaymentOwnership.visibleTo(caller, payment);
	}

	public ListPage<PaymentView> list(Caller caller, PageQuery page) {
		int fetch = page.limit() + 1;
		if (caller.isUser()) {
			return ListPage.of(this.payments.listForUser(caller.id(), page.startingAfter(), fetch), page.limit(),
					PaymentView::of);
		}
		if (caller.isMerchant()) {
			return ListPage.of(
					this.payments.listForMerchant(caller.id(), caller.livemode(), page.startingAfter(), fetch),
					page.limit(), PaymentView::of);
		}
		throw new ApiException(CommonError.FORBIDDEN, "Operators list payments through ledger reports");
	}

}
