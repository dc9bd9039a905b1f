package io.emberpay.psp.authorization;

import java.time.Instant;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationTests {

	private static final Instant NOW = Instant.parse("2026-11-22T01:02:03Z");

	private static final CardSummary CARD = new CardSummary("visa", "4242", 12, 2034);

	@Test
	void capturesAtMostTheAuthorizedAmountOnce() {
		Authorization authorization = approved(1000);

		assertRefused(() -> authorization.capture(1001L, NOW), PspError.AMOUNT_EXCEEDS_AUTHORIZED);
		authorization.capture(400L, NOW);
		assertRefused(() -> authorization.capture(100L, NOW), PspError.INVALID_STATE);

		assertThat(authorization.view().status()).isEqualTo("captured");
		assertThat(authorization.view().amountCaptured()).isEqualTo(400);
		assertThat(authorization.view().capturedAt()).isEqualTo(NOW);
	}

	@Test
	void refundsNeverMoreThanWasCaptured() {
		Authorization authorization = approved(1000);
		assertRefused(() -> authorization.refund("rf_0", 1L, "re_0", NOW), PspError.INVALID_STATE);
		authorization.capture(600L, NOW);

		authorization.refund("rf_1", 450L, "re_1", NOW);
		assertRefused(() -> authorization.refund("rf_2", 151L, "re_2", NOW), PspError.AMOUNT_EXCEEDS_REFUNDABLE);
		authorization.refund("rf_3", 150L, "re_3", NOW);

		assertThat(authorization.refundableMinor()).isZero();
		assertThat(authorization.view().amountRefunded()).isEqualTo(600);
		assertThat(authorization.view().refunds()).extracting(RefundView::id).containsExactly("rf_1", "rf_3");
	}

	@Test
	void capturesAllAndRefundsTheRestWhenNoAmountIsGiven() {
		Authorization authorization = approved(1000);

		assertThat(authorization.capture(null, NOW)).isEqualTo(1000);
		authorization.refund("rf_1", 300L, "re_1", NOW);
		Refund rest = authorization.refund("rf_2", null, "re_2", NOW);

		assertThat(rest.amount()).isEqualTo(700);
		assertRefused(() -> authorization.refund("rf_3", null, "re_3", NOW), PspError.AMOUNT_EXCEEDS_REFUNDABLE);
	}

	@Test
	void voidsOnlyAnOpenHold() {
		Authorization authorization = approved(1000);

		authorization.voidHold(NOW);

		assertThat(authorization.view().status()).isEqualTo("voided");
		assertRefused(() -> authorization.voidHold(NOW), PspError.INVALID_STATE);
		assertRefused(() -> authorization.capture(1L, NOW), PspError.INVALID_STATE);
	}

	@Test
	void movesNoMoneyOnADeclinedAuthorization() {
		Authorization declined = Authorization.declined("auth_2", Acquirer.PSP_A, "pay_2", 1000, "USD", CARD,
				"card_declined", NOW);

		assertThat(declined.view().declineCode()).isEqualTo("card_declined");
		assertRefused(() -> declined.capture(1000L, NOW), PspError.INVALID_STATE);
		assertRefused(() -> declined.voidHold(NOW), PspError.INVALID_STATE);
	}

	private static Authorization approved(long amount) {
		return Authorization.approved("auth_1", Acquirer.PSP_A, "pay_1", amount, "USD", CARD, NOW);
	}

	private static void assertRefused(Runnable call, PspError error) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(PspException.class,
				(ex) -> assertThat(ex.error()).isEqualTo(error));
	}

}
