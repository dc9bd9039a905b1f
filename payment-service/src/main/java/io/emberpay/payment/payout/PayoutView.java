package io.emberpay.payment.payout;

import java.time.Instant;

/** A payout as the API shows it. */
record PayoutView(String id, String object, long amount, String currency, String status, String destination,
		BankAccount bankAccount, boolean automatic, String failureCode, Instant created) {

	static PayoutView of(Payout payout) {
		Payout.Destination to = payout.destination();
		return new PayoutView(payout.id(), "payout", payout.amount(), payout.currency(), payout.status().apiName(),
				to.id(), new BankAccount(to.last4(), to.bankName(), to.country()), payout.automatic(),
				payout.failureCode(), payout.created());
	}

	record BankAccount(String last4, String bankName, String country) {
	}

}
