package io.emberpay.payment.psp;

/** What the contract tests ask of every fake acquirer. */
public interface FakeAcquirer {

	/** Authorisations the acquirer made, replays not counted: a double charge shows. */
	int charges();

	/** Requests answered from an idempotency key's stored first answer. */
	int replays();

	void fault(AcquirerFault fault);

	void clearFault();

}
