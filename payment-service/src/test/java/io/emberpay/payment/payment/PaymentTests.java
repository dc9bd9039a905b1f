package io.emberpay.payment.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentRequiresAction;
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

	private static Payment openWith(VaultedCard method) {
		return Payment.open(new Payment.PaymentFacts("pay_2", "usr_1", "mer_1", Money.of(1000, "EUR"),
				CaptureMethod.AUTOMATIC, method, null, Map.of(),
				new FraudVerdict(10, FraudVerdict.Decision.APPROVE, List.of(), false, false), null, null, false, null,
				Instant.now(), "app://back"), false);
	}

	private static VaultedCard sepaDebit() {
		return new VaultedCard("pm_2", "usr_1", "sepa_debit", "3000", null, 0, 0, "f", Instant.now(), "sepa_debit",
				"Commerzbank", "DE", null);
	}

	@Test
	void threeDSecureWaitsInRequiresActionAndGoesBackThroughProcessing() {
		Payment payment = open(CaptureMethod.AUTOMATIC, FraudVerdict.Decision.APPROVE);
		payment.authenticationRequired("psp-a", "auth_1", "https://acquirer.test/challenge");
		assertThat(payment.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
		assertThat(payment.awaitsAuthentication()).isTrue();
		assertThat(payment.drainEvents()).extracting(e -> (Object) e.getClass())
			.containsExactly(PaymentRequiresAction.class);
		assertThatThrownBy(() -> payment.authorized("psp-a", "auth_1", true)).isInstanceOf(ApiException.class);

		payment.authenticationCompleted();
		payment.authorized("psp-a", "auth_1", true);

		assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
		assertThat(payment.nextActionUrl()).isNull();
	}

	@Test
	void aStepUpIsNotAThreeDSecureChallenge() {
		Payment review = open(CaptureMethod.AUTOMATIC, FraudVerdict.Decision.REVIEW);
		assertThat(review.awaitsAuthentication()).isFalse();
		assertThatThrownBy(review::authenticationCompleted).isInstanceOf(ApiException.class);
	}

	@Test
	void onlyASettledBankDebitCanBeReturned() {
		Payment debit = openWith(sepaDebit());
		debit.debitSubmitted("psp-a", "auth_9");
		assertThat(debit.awaitsDebitSettlement()).isTrue();
		assertThatThrownBy(() -> debit.debitReturned("insufficient_funds")).isInstanceOf(ApiException.class);
		debit.authorized("psp-a", "auth_9", true);
		debit.drainEvents();

		debit.debitReturned("account_closed");

		assertThat(debit.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(debit.failureCode()).isEqualTo("account_closed");
		assertThat(debit.amountReceived()).as("what the ledger reverses").isEqualTo(1000);
		assertThat(debit.drainEvents()).extracting(e -> (Object) e.getClass()).containsExactly(PaymentFailed.class);

		Payment card = open(CaptureMethod.AUTOMATIC, FraudVerdict.Decision.APPROVE);
		card.authorized("psp-a", "auth_1", true);
		assertThatThrownBy(() -> card.debitReturned("account_closed")).as("a card payment is refunded or disputed")
			.isInstanceOf(ApiException.class);
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
