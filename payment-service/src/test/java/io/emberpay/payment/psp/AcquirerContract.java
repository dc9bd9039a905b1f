package io.emberpay.payment.psp;

import java.time.Duration;

import io.emberpay.payment.support.PaymentApi;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every acquirer's contract tests share: payments through the public API to a
 * merchant on that acquirer's fake, with closed circuit breakers and no fault left over
 * from another test; and the promise every connector keeps whatever the acquirer, that a
 * call which failed or answered late is retried with its key and charges once.
 */
public abstract class AcquirerContract {

	@Value("${local.server.port}")
	protected int port;

	@Autowired
	protected PspRouter router;

	protected PaymentApi api;

	protected String user;

	private final FakeAcquirer acquirer;

	private final String merchant;

	private final String currency;

	/**
	 * @param acquirer the fake the merchant's payments reach
	 * @param merchant the merchant whose payments the acquirer takes
	 * @param currency the currency the tests pay in
	 */
	protected AcquirerContract(FakeAcquirer acquirer, String merchant, String currency) {
		this.acquirer = acquirer;
		this.merchant = merchant;
		this.currency = currency;
	}

	@BeforeEach
	void closeBreakersForANewShopper() {
		this.router.channels().forEach(channel -> channel.breaker().reset());
		this.api = new PaymentApi(this.port);
		this.user = PaymentApi.newUser();
	}

	@AfterEach
	void clearFaultsAndBreakers() {
		this.acquirer.clearFault();
		this.router.channels().forEach(channel -> channel.breaker().reset());
	}

	protected ApiClient.Response pay(String merchant, String cardNumber, long amount, String captureMethod) {
		String card = this.api.paymentMethod(this.user, cardNumber);
		return this.api.pay(this.user, PaymentApi.payment(amount, this.currency, merchant, card, captureMethod));
	}

	@Test
	void aTimeoutIsRetriedWithTheSameKeyAndChargesOnce() {
		int charges = this.acquirer.charges();
		int replays = this.acquirer.replays();
		// the acquirer acts, but answers after the 1 s time limit: the retry must replay
		this.acquirer.fault(AcquirerFault.slow(Duration.ofMillis(1500), 1));

		ApiClient.Response paid = pay(this.merchant, PaymentApi.VISA, 3100, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(paid.text("status")).isEqualTo("succeeded");
		assertThat(this.acquirer.charges()).isEqualTo(charges + 1);
		assertThat(this.acquirer.replays()).as("the retry got the first answer again").isGreaterThan(replays);
	}

	@Test
	void anAcquirerFailingWithA500BeforeActingIsRetriedAndChargesOnce() {
		int charges = this.acquirer.charges();
		this.acquirer.fault(AcquirerFault.refusing(500, 1));

		ApiClient.Response paid = pay(this.merchant, PaymentApi.VISA, 3300, "automatic");

		assertThat(paid.status()).as(paid.body()).isEqualTo(201);
		assertThat(this.acquirer.charges()).isEqualTo(charges + 1);
	}

}
