package io.emberpay.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.PaymentSucceeded;
import io.emberpay.ledger.integrity.IntegrityCheck;
import io.emberpay.ledger.integrity.IntegrityReport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger is append-only, so an erasure could not remove anything from it: it must
 * never hold personal data in the first place. A payment whose events carry a user, a
 * description naming an e-mail, metadata and a device is posted, and no ledger table
 * holds any of them; the chain still verifies.
 */
class PersonalDataTests extends LedgerIntegration {

	@Autowired
	private IntegrityCheck integrity;

	@Test
	void aPostedPaymentLeavesNoPersonalDatumInTheLedger() {
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		String user = "usr_" + UUID.randomUUID().toString().replace("-", "");
		String canary = "canary-" + UUID.randomUUID() + "@example.com";
		String device = "dev-" + UUID.randomUUID();
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				personal(pay, merchant, user, canary, device, 0, "requires_capture")),
				new PaymentCaptured(ResourceIds.event(), Instant.now(),
						personal(pay, merchant, user, canary, device, 5_000, "succeeded")),
				new PaymentSucceeded(ResourceIds.event(), Instant.now(),
						personal(pay, merchant, user, canary, device, 5_000, "succeeded")));

		await().atMost(eventually()).until(() -> tablesMentioning(pay).size() > 0);
		await().atMost(eventually())
			.until(() -> this.jdbc
				.sql("select count(*) from ledger_transaction where reference = ? and kind = 'capture'")
				.param(pay)
				.query(Long.class)
				.single() == 1);
		for (String personal : List.of(user, canary, device, "198.51.100.77", "gift for")) {
			assertThat(tablesMentioning(personal)).as(personal).isEmpty();
		}
		IntegrityReport report = this.integrity.verify();
		assertThat(report.ok()).as("%s", report.problems()).isTrue();
	}

	private static PaymentSnapshot personal(String id, String merchant, String user, String canary, String device,
			long received, String status) {
		return new PaymentSnapshot(id, "payment", 5_000, "USD", status, "manual", 5_000 - received, received, 0,
				merchant, user, "pm_test", null, "psp-a", "auth_" + id, null, "gift for " + canary,
				Map.of("email", canary), null, new PaymentSnapshot.DeviceContext(device, "198.51.100.77"), false,
				"req_" + id, Instant.now());
	}

	/** Every table of the ledger's database with a row whose text contains the value. */
	private List<String> tablesMentioning(String value) {
		return this.jdbc.sql("select tablename from pg_tables where schemaname = current_schema() order by tablename")
			.query(String.class)
			.list()
			.stream()
			.filter(table -> this.jdbc.sql("select count(*) from \"" + table + "\" t where t::text ilike ?")
				.param("%" + value + "%")
				.query(Long.class)
				.single() > 0)
			.toList();
	}

}
