package io.emberpay.ledger.posting;

import java.time.Instant;
import java.util.List;

import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.NormalSide;
import io.emberpay.starter.problem.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostingRulesTests {

	private final Account usdA = new Account("acct_a", 1, "a", "USD", null, NormalSide.DEBIT, false, false);

	private final Account usdB = new Account("acct_b", 2, "b", "USD", null, NormalSide.CREDIT, false, false);

	private final Account eur = new Account("acct_e", 3, "e", "EUR", null, NormalSide.CREDIT, false, false);

	@Test
	void acceptsBalancedLegsPerCurrencyAndPhase() {
		assertThatCode(() -> PostingRules
			.check(posting(Leg.pending(this.usdA, Direction.DEBIT, 10), Leg.pending(this.usdB, Direction.CREDIT, 10),
					Leg.posted(this.usdA, Direction.DEBIT, 7), Leg.posted(this.usdB, Direction.CREDIT, 7))))
			.doesNotThrowAnyException();
	}

	@Test
	void refusesLegsThatBalanceOnlyAcrossCurrenciesOrPhases() {
		assertThatThrownBy(() -> PostingRules
			.check(posting(Leg.posted(this.usdA, Direction.DEBIT, 10), Leg.posted(this.eur, Direction.CREDIT, 10))))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("differ by 10");
		assertThatThrownBy(() -> PostingRules
			.check(posting(Leg.pending(this.usdA, Direction.DEBIT, 10), Leg.posted(this.usdB, Direction.CREDIT, 10))))
			.isInstanceOf(ApiException.class);
	}

	@Test
	void refusesLegsThatMoveMoneyBetweenTestAndLive() {
		Account liveB = new Account("acct_l", 4, "b", "USD", null, NormalSide.CREDIT, false, true);
		assertThatThrownBy(() -> PostingRules
			.check(posting(Leg.posted(this.usdA, Direction.DEBIT, 10), Leg.posted(liveB, Direction.CREDIT, 10))))
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("one mode");
	}

	@Test
	void refusesFewerThanTwoLegsAndNonPositiveAmounts() {
		assertThatThrownBy(() -> PostingRules.check(posting(Leg.posted(this.usdA, Direction.DEBIT, 10))))
			.isInstanceOf(ApiException.class);
		assertThatThrownBy(() -> Leg.posted(this.usdA, Direction.DEBIT, 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void chainLinkChangesWhenAnyStoredFieldChanges() {
		ChainHash original = new ChainHash(1, "txn_1", "adjustment", "c", null, null, null, "usr_1", null,
				Instant.parse("2026-11-22T01:02:03.123456Z"),
				List.of(new ChainHash.Entry("acct_a", "USD", "debit", "posted", 10)));
		ChainHash edited = new ChainHash(1, "txn_1", "adjustment", "c", null, null, null, "usr_1", null,
				Instant.parse("2026-11-22T01:02:03.123456Z"),
				List.of(new ChainHash.Entry("acct_a", "USD", "debit", "posted", 11)));
		assertThat(original.link(ChainHash.GENESIS)).isEqualTo(original.link(ChainHash.GENESIS))
			.isNotEqualTo(edited.link(ChainHash.GENESIS))
			.isNotEqualTo(original.link(original.link(ChainHash.GENESIS)));
	}

	private static Posting posting(Leg... legs) {
		return Posting.of("cause", "test", null, null, List.of(legs));
	}

}
