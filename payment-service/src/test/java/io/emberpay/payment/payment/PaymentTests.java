package io.emberpay.payment.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.payment.fraud.FraudVerdict;
import io.emberpay.payment.vault.VaultedCard;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentTests {

	private static Payment open(CaptureMethod captureMethod, FraudVerdict.Decision decision) {
		VaultedCard card = new VaultedCard("pm_1", "usr_1", "visa", "4242", "424242", 12, 2031, "f", Instant.now());
		return Payment.open(new Payment.PaymentFacts("pay_1", "usr_1", "mer_1", Money.of(1000, "USD"), captureMethod,
				card, null, Map.of(), new FraudVerdict(10, decision, List.of(), false, false), null, null, false, null,
				Instant.now()), true);
	}

	@Test
	void automaticAuthorizationRecordsAuthorizedCapturedSucceededInOrder() {
		Payment payment = open(CaptureMethod.AUTOMATIC, FraudVerdict.Decision.APPROVE);
		payment.authorized("psp-a", "auth_1", true);
		assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
		assertThat(payment.drainEvents()).extracting(e -> (Object) e.getClass())
			.containsExactly(PaymentAuthorized.class, PaymentCaptured.class, PaymentSucceeded.class);
	}

	@Test
	void refusesIllegalTransitionsWithAStateConflict() {
		Payment payment = open(CaptureMethod.MANUAL, FraudVerdict.Decision.APPROVE);
		assertThatThrownBy(() -> payment.captured(100)).isInstanceOf(ApiException.class)
			.extracting(ex -> ((ApiException) ex).error().code())
			.isEqualTo("payment_state_conflict");
		payment.authorized("psp-a", "auth_1", false);
		payment.captured(400);
		assertThat(payment.amountReceived()).isEqualTo(400);
		assertThatThrownBy(() -> payment.captured(100)).isInstanceOf(ApiException.class);
		assertThatThrownBy(payment::cancel).isInstanceOf(ApiException.class);
		assertThatThrownBy(payment::stepUpPassed).isInstanceOf(ApiException.class);
	}

	@Test
	void reviewWaitsForStepUpAndDeclineFailsAtOnce() {
		assertThat(open(CaptureMethod.AUTOMATIC, FraudVerdict.Decision.REVIEW).status())
			.isEqualTo(PaymentStatus.REQUIRES_ACTION);
		Payment declined = open(CaptureMethod.AUTOMATIC, FraudVerdict.Decision.DECLINE);
		assertThat(declined.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(declined.failureCode()).isEqualTo("fraud_declined");
	}

	@Test
	void terminalStatesGoNowhere() {
		for (PaymentStatus terminal : List.of(PaymentStatus.REFUNDED, PaymentStatus.CANCELED, PaymentStatus.FAILED)) {
			for (PaymentStatus target : PaymentStatus.values()) {
				assertThat(terminal.canMoveTo(target)).isFalse();
			}
		}
		assertThat(PaymentStatus.SUCCEEDED.canMoveTo(PaymentStatus.CANCELED)).isFalse();
	}

}
