package io.emberpay.psp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementTests extends AbstractSimulatorTests {

	@Test
	void reportsCapturesAndRefundsOfTheDayWithFees() {
		String reference = newReference("pay");
		String refundReference = newReference("re");
		ApiClient.Response authorized = post("/psp-a/v1/authorizations", newKey(),
				authorization(10_000, VISA_OK, reference));
		String id = authorized.text("id");
		ApiClient.Response captured = post("/psp-a/v1/authorizations/" + id + "/capture", newKey(),
				Map.of("amount", 9_999));
		ApiClient.Response refund = post("/psp-a/v1/authorizations/" + id + "/refunds", newKey(),
				Map.of("amount", 2_500, "reference", refundReference));
		authorize("psp-a", 777, VISA_OK);
		LocalDate day = utcDay(captured.text("captured_at"));

		ApiClient.Response report = api().get("/psp-a/v1/settlements/" + day);

		assertThat(report.status()).isEqualTo(200);
		assertThat(report.header("Content-Type")).startsWith("text/csv");
		List<String> lines = report.body().lines().toList();
		assertThat(lines).first().isEqualTo("psp_reference,type,reference,amount,currency,fee,settled_at");
		// 2.9 % of 9,999 is 289.971 -> 290, plus 30 fixed; refunds carry no fee by
		// default.
		assertThat(lines).contains(id + ",capture," + reference + ",9999,USD,320," + captured.text("captured_at"),
				refund.text("id") + ",refund," + refundReference + ",2500,USD,0," + refund.text("created_at"));
		assertThat(lines).hasSize(3);
		assertThat(api().get("/psp-b/v1/settlements/" + day).body().lines().toList()).hasSize(1);
	}

	@Test
	void reportsOneCaptureLineForAnAuthorizationCapturedAtOnceAndReplayed() {
		String key = newKey();
		Map<String, Object> body = authorization(1_000, VISA_OK, newReference("pay"));
		body.put("capture", true);
		ApiClient.Response first = post("/psp-b/v1/authorizations", key, body);
		post("/psp-b/v1/authorizations", key, body);

		ApiClient.Response report = api().get("/psp-b/v1/settlements/" + utcDay(first.text("captured_at")));

		// 2.9 % of 1,000 is exactly 29, plus 30.
		assertThat(report.body().lines().toList()).hasSize(2).last().asString().contains(",capture,").contains(",59,");
	}

	@Test
	void answersAnEmptyReportForADayWithoutMoney() {
		ApiClient.Response report = api().get("/psp-a/v1/settlements/2001-01-01");

		assertThat(report.status()).isEqualTo(200);
		assertThat(report.body()).isEqualTo("psp_reference,type,reference,amount,currency,fee,settled_at\n");
	}

	@Test
	void writesTheDailyFilesOnDemand() throws Exception {
		ApiClient.Response captured = post("/psp-a/v1/authorizations", newKey(), withCapture(4_200));
		LocalDate day = utcDay(captured.text("captured_at"));

		ApiClient.Response written = api().send("PUT", "/admin/settlements/" + day + "/files", null, Map.of());

		assertThat(written.status()).isEqualTo(200);
		Path fileA = Path.of(written.json().get("files").get(0).asString());
		Path fileB = Path.of(written.json().get("files").get(1).asString());
		assertThat(fileA.getFileName()).hasToString("psp-a-settlement-" + day + ".csv");
		assertThat(fileB.getFileName()).hasToString("psp-b-settlement-" + day + ".csv");
		assertThat(Files.readString(fileA, StandardCharsets.UTF_8))
			.isEqualTo(api().get("/psp-a/v1/settlements/" + day).body())
			.contains(captured.text("id") + ",capture,");
		assertThat(Files.readAllLines(fileB)).hasSize(1);
	}

	@Test
	void refusesMalformedDates() {
		ApiClient.Response report = api().get("/psp-a/v1/settlements/2026-13-40");
		ApiClient.Response files = api().send("PUT", "/admin/settlements/yesterday/files", null, Map.of());

		assertThat(report.status()).isEqualTo(400);
		assertThat(report.text("code")).isEqualTo("invalid_request");
		assertThat(files.status()).isEqualTo(400);
	}

	private static Map<String, Object> withCapture(long amount) {
		Map<String, Object> body = authorization(amount, VISA_OK, newReference("pay"));
		body.put("capture", true);
		return body;
	}

	private static LocalDate utcDay(String instant) {
		return Instant.parse(instant).atZone(ZoneOffset.UTC).toLocalDate();
	}

}
