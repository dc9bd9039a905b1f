package io.emberpay.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.payment.PaymentAuthorized;
import io.emberpay.events.payment.PaymentCaptured;
import io.emberpay.events.payment.PaymentFailed;
import io.emberpay.events.payment.PaymentSnapshot;
import io.emberpay.events.payment.RefundSucceeded;
import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import io.emberpay.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconciliationTests extends LedgerIntegration {

	@Test
	void settlesMatchingLinesAndReportsTheRestOnceEvenWhenImportedTwice() {
		String psp = "psp-r" + Long.toString(System.nanoTime() % 100_000);
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		String re = uniqueId("re");
		PaymentSnapshot captured = payment(pay, merchant, psp, 10_000, 10_000, 0, "succeeded");
		publish(new PaymentAuthorized(ResourceIds.event(), Instant.now(),
				payment(pay, merchant, psp, 10_000, 0, 0, "requires_capture")),
				new PaymentCaptured(ResourceIds.event(), Instant.now(), captured),
				new RefundSucceeded(ResourceIds.event(), Instant.now(), refund(re, captured, 2_500),
						payment(pay, merchant, psp, 10_000, 10_000, 2_500, "succeeded")));
		await().atMost(eventually())
			.untilAsserted(() -> assertThat(this.jdbc.sql("select count(*) from psp_movement where reference in (?, ?)")
				.params(pay, re)
				.query(Long.class)
				.single()).isEqualTo(2L));
		String csv = """
				psp_reference,type,reference,amount,currency,fee,settled_at
				ps_1,capture,%s,10000,USD,250,2026-11-22T06:00:00Z
				ps_2,refund,%s,2500,USD,0,2026-11-22T06:00:00Z
				ps_3,capture,pay_unknown0000000000000000,700,USD,10,2026-11-22T06:00:00Z
				ps_4,refund,%s,2400,USD,0,2026-11-22T06:00:00Z
				""".formatted(pay, re, re);

		try (TopicReader reader = new TopicReader(Topics.LEDGER)) {
			FakePspSettlements.serve(psp, "2026-11-22", csv);
			ApiClient.Response report = operator().post("/internal/v1/reconciliations",
					Map.of("psp", psp, "date", "2026-11-22"));
			assertThat(report.status()).as(report.body()).isEqualTo(200);
			assertThat(report.json().get("settled").asInt()).isEqualTo(2);
			assertThat(report.json().get("exceptions")).hasSize(2);
			assertThat(report.json().get("exceptions").toString()).contains("unmatched").contains("amount_mismatch");

			await().atMost(eventually())
				.untilAsserted(() -> assertThat(reader.events("ledger.reconciliation_exception")
					.stream()
					.filter(event -> event.data().get("psp").asString().equals(psp))
					.count()).isEqualTo(2));

			ApiClient.Response again = operator().post("/internal/v1/reconciliations",
					Map.of("psp", psp, "date", "2026-11-22"));
			assertThat(again.json().get("settled").asInt()).isZero();
			assertThat(again.json().get("already_settled").asInt()).isEqualTo(2);
			assertThat(again.json().get("exceptions")).isEmpty();
		}
		// cash: +9750 for the capture (net of the PSP's 250 fee), -2500 for the refund
		assertThat(balanceOf(accountId("platform_cash", "USD")).get("available").asLong())
			.isGreaterThanOrEqualTo(7_250);
		assertThat(balanceOf(accountId("psp_receivable:" + psp, "USD")).get("available").asLong()).isZero();
	}

	@Test
	void aReturnedBankDebitsLineMatchesTheLedgersReversalAndClearsTheReceivable() {
		String psp = "psp-d" + Long.toString(System.nanoTime() % 100_000);
		String merchant = uniqueId("mer");
		String pay = uniqueId("pay");
		PaymentSnapshot settled = payment(pay, merchant, psp, 8_000, 8_000, 0, "succeeded");
		publish(new PaymentCaptured(ResourceIds.event(), Instant.now(), settled), new PaymentFailed(ResourceIds.event(),
				Instant.now(), payment(pay, merchant, psp, 8_000, 8_000, 0, "failed")));
		await().atMost(eventually())
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("select count(*) from psp_movement where reference = ? and type in ('capture', 'return')")
				.param(pay)
				.query(Long.class)
				.single()).isEqualTo(2L));
		String csv = """
				psp_reference,type,reference,amount,currency,fee,settled_at
				auth_%1$s,capture,%1$s,8000,USD,0,2026-11-23T06:00:00Z
				auth_%1$s,return,%1$s,8000,USD,0,2026-11-23T07:00:00Z
				""".formatted(pay);

		FakePspSettlements.serve(psp, "2026-11-23", csv);
		ApiClient.Response report = operator().post("/internal/v1/reconciliations",
				Map.of("psp", psp, "date", "2026-11-23"));

		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.json().get("settled").asInt()).isEqualTo(2);
		assertThat(report.json().get("exceptions")).isEmpty();
		assertThat(balanceOf(accountId("psp_receivable:" + psp, "USD")).get("available").asLong()).isZero();
	}

	@Test
	void importsAnUploadedFile() throws Exception {
		String csv = "psp_reference,type,reference,amount,currency,fee,settled_at\n"
				+ "ps_u1,capture,pay_neverseen000000000000000,100,USD,1,2026-11-22T06:00:00Z\n";
		HttpResponse<String> response = upload("psp-u", "2026-11-21", csv);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"problem\":\"unmatched\"");
		ApiClient.Response listed = operator().get("/internal/v1/reconciliation_exceptions?limit=100");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).contains("ps_u1");
		ApiClient.Response forConsole = operator().get("/v1/ledger/reconciliation_exceptions?limit=100");
		assertThat(forConsole.status()).isEqualTo(200);
		assertThat(forConsole.body()).contains("ps_u1");
		assertThat(api().withToken(TestTokens.get().merchant("mer_recon_reader"))
			.get("/v1/ledger/reconciliation_exceptions")
			.status()).isEqualTo(403);
	}

	private HttpResponse<String> upload(String psp, String date, String csv) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI
						.create("http://localhost:" + this.port + "/internal/v1/reconciliations/" + psp + "/" + date))
					.header("Content-Type", "text/csv")
					.header("Authorization", "Bearer " + TestTokens.get().operator("usr_operator"))
					.POST(HttpRequest.BodyPublishers.ofString(csv))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void refusesMalformedSettlementFile() {
		HttpResponse<String> response = upload("psp-a", "2026-11-22", "psp_reference,type\nx,capture");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("settlement_file_invalid");
		HttpResponse<String> badAmount = upload("psp-a", "2026-11-22",
				"psp_reference,type,reference,amount,currency,fee,settled_at\nps_9,capture,pay_x,12.5,USD,0,now");
		assertThat(badAmount.statusCode()).isEqualTo(400);
		assertThat(
				operator().post("/internal/v1/reconciliations", Map.of("psp", "psp-a", "date", "yesterday")).status())
			.isEqualTo(400);
		assertThat(
				operator().post("/internal/v1/reconciliations", Map.of("psp", "psp-a", "date", "2001-01-01")).status())
			.isEqualTo(503);
	}

	@Test
	void fetchesNoReportForAnAcquirerWithoutASettlementSource() {
		ApiClient.Response refused = operator().post("/internal/v1/reconciliations",
				Map.of("psp", "stripe", "date", "2026-11-22"));

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.text("param")).isEqualTo("psp");
		assertThat(refused.text("detail")).contains("upload");
	}

}
