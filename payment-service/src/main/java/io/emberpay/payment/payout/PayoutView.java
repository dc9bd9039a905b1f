package io.emberpay.payment.payout;

import java.time.Instant;

/** A payout as the API shows it. */
record PayoutView(String id, String object, long amount, String currency, String status, String destination,
		BankAccountSummary bankAccount, boolean automatic, String failureCode, Instant created, boolean livemode) {

	static PayoutView of(Payout payout) {
		Payout.Destination to = payout.destination();
		return new PayoutView(payout.id(), "payout", payout.amount(), payout.currency(), payout.status().apiName(),
				to.id(), new BankAccountSummary(to.last4(), to.bankName(), to.country()), payout.automatic(),
				payout.failureCode(), payout.created(), payout.livemode());
	}

	/**
	 * Its own name keeps it apart in the API document from the account number a merchant
	 * sends.
	 */
	record BankAccountSummary(String last4, String bankName, String country) {
	}

}
