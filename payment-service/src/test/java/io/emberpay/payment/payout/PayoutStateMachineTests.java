package io.emberpay.payment.payout;

import java.time.Instant;

import io.emberpay.events.payout.PayoutCreated;
import io.emberpay.events.payout.PayoutFailed;
import io.emberpay.events.payout.PayoutPaid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayoutStateMachineTests {

	private static final Payout.Destination BANK = new Payout.Destination("ba_1", "3000", "Commerzbank", "DE");

	@Test
	void movesOnlyPendingToInTransitToPaidOrFailed() {
		assertThat(PayoutStatus.PENDING.canMoveTo(PayoutStatus.IN_TRANSIT)).isTrue();
		assertThat(PayoutStatus.PENDING.canMoveTo(PayoutStatus.FAILED)).isTrue();
		assertThat(PayoutStatus.PENDING.canMoveTo(PayoutStatus.PAID)).isFalse();
		assertThat(PayoutStatus.IN_TRANSIT.canMoveTo(PayoutStatus.PAID)).isTrue();
		assertThat(PayoutStatus.IN_TRANSIT.canMoveTo(PayoutStatus.FAILED)).isTrue();
		assertThat(PayoutStatus.IN_TRANSIT.canMoveTo(PayoutStatus.PENDING)).isFalse();
		for (PayoutStatus next : PayoutStatus.values()) {
			assertThat(PayoutStatus.PAID.canMoveTo(next)).isFalse();
			assertThat(PayoutStatus.FAILED.canMoveTo(next)).isFalse();
		}
	}

	@Test
	void aPaidPayoutRecordsCreatedThenPaidAndRefusesToFailAfterwards() {
		Payout payout = Payout.created("po_1", "mer_1", 9_680, "EUR", BANK, false, false, "psp-a", Instant.now());
		payout.sent("spo_1");
		payout.paid(Instant.now());

		assertThat(payout.drainEvents()).hasExactlyElementsOfTypes(PayoutCreated.class, PayoutPaid.class);
		assertThat(payout.snapshot().pspReference()).isEqualTo("spo_1");
		assertThatThrownBy(() -> payout.failed("no_account", Instant.now()))
			.isInstanceOfSatisfying(IllegalPayoutTransition.class, ex -> {
				assertThat(ex.from()).isEqualTo(PayoutStatus.PAID);
				assertThat(ex.to()).isEqualTo(PayoutStatus.FAILED);
			});
		assertThat(payout.status()).isEqualTo(PayoutStatus.PAID);
		assertThat(payout.drainEvents()).isEmpty();
	}

	@Test
	void aPendingPayoutCannotBePaidBeforeTheAcquirerTookIt() {
		Payout payout = Payout.created("po_2", "mer_1", 100, "EUR", BANK, false, false, "psp-a", Instant.now());

		assertThatThrownBy(() -> payout.paid(Instant.now())).isInstanceOf(IllegalPayoutTransition.class);
		payout.failed("acquirer_rejected", Instant.now());

		assertThat(payout.drainEvents()).hasExactlyElementsOfTypes(PayoutCreated.class, PayoutFailed.class);
		assertThat(payout.snapshot().failureCode()).isEqualTo("acquirer_rejected");
	}

}
