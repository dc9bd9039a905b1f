package io.emberpay.psp.authorization;

import java.time.Instant;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.config.PspProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationBookTests {

	@Test
	void forgetsTheOldestAuthorizationsBeyondItsCapacity() {
		AuthorizationBook book = new AuthorizationBook(new PspProperties(2, 10, 1024, null, null, null));

		book.add(authorization("auth_1", Acquirer.PSP_A));
		book.add(authorization("auth_2", Acquirer.PSP_A));
		book.add(authorization("auth_3", Acquirer.PSP_A));
		book.add(authorization("auth_4", Acquirer.PSP_B));

		assertThat(book.find(Acquirer.PSP_A, "auth_1")).isEmpty();
		assertThat(book.find(Acquirer.PSP_A, "auth_2")).isPresent();
		assertThat(book.find(Acquirer.PSP_A, "auth_3")).isPresent();
		assertThat(book.find(Acquirer.PSP_B, "auth_4")).isPresent();
		assertThat(book.find(Acquirer.PSP_B, "auth_3")).isEmpty();
	}

	private static Authorization authorization(String id, Acquirer acquirer) {
		return Authorization.approved(id, acquirer, "pay_" + id, 100, "USD", new CardSummary("visa", "4242", 1, 2030),
				Instant.EPOCH);
	}

}
