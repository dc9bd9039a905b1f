package io.emberpay.ledger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Money is conserved, no no-overdraft account goes negative, nothing acknowledged is lost
 * and nothing is applied twice while a ledger instance is killed and restarted under 16
 * concurrent clients.
 */
class BankInvariantTests extends LedgerIntegration {

	@Test
	void conservesMoneyAcrossRestartsUnderConcurrentTransfers() throws Exception {
		new BankInvariantRun(this.jdbc, this.port).run(1_500, 2);
	}

	@Test
	@Tag("soak")
	void conservesMoneyOverTwentyThousandTransfersAndManyRestarts() throws Exception {
		new BankInvariantRun(this.jdbc, this.port).run(20_000, 6);
	}

}
