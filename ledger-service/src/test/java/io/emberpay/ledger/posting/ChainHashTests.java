package io.emberpay.ledger.posting;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainHashTests {

	/**
	 * Links already stored must verify forever: these values were computed by the first
	 * encoding of the chain (DataOutputStream), before it was rewritten for speed.
	 */
	@Test
	void linksStayByteForByteTheSameAsWhenTheChainBegan() {
		ChainHash first = new ChainHash(42, "txn_01jabc", "payment_captured", "evt_01jxyz", "req_1", "pay_1",
				"txn_hold", "usr_1", "café ✓", Instant.parse("2026-11-22T01:02:03.123456789Z"),
				List.of(new ChainHash.Entry("acct_a", "USD", "debit", "posted", 1999),
						new ChainHash.Entry("acct_b", "USD", "credit", "pending", 1999)));
		ChainHash second = new ChainHash(7, "txn_2", "adjustment", "c", null, null, null, null, null,
				Instant.parse("2026-11-22T01:02:03Z"),
				List.of(new ChainHash.Entry("acct_a", "EUR", "debit", "posted", 5),
						new ChainHash.Entry("acct_b", "EUR", "credit", "posted", 5)));

		byte[] firstLink = first.link(ChainHash.GENESIS);

		assertThat(HexFormat.of().formatHex(firstLink))
			.isEqualTo("e65050591fa84707c0a33af54cfadfe11e1b8d7cf2a87191713910b4cc6eb769");
		assertThat(HexFormat.of().formatHex(second.link(firstLink)))
			.isEqualTo("38f4d971a1af8964f93ac4289e385dc39f2b9c95f7cee8bf34e5d37e0547812e");
	}

}
