package io.emberpay.ledger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emberpay.testkit.ApiClient;
import io.emberpay.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operators close reconciliation exceptions: once, with a reason code and a note, kept
 * insert-only with who did it and when; the list filters by status.
 */
class ReconciliationResolutionTests extends LedgerIntegration {

	private static final String PATH = "/v1/ledger/reconciliation_exceptions";

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void anOperatorResolvesAnOpenExceptionOnceWithAReasonAndANote() {
		String id = raiseException();
		assertThat(operator().get(PATH + "/" + id).text("status")).isEqualTo("open");

		ApiClient.Response resolved = operator().post(PATH + "/" + id + "/resolve",
				Map.of("resolution", "acquirer_error", "note", "  Acquirer confirmed a duplicate line, ticket 4411  "),
				Map.of("X-Request-Id", "req_resolve_" + id));

		assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
		assertThat(resolved.text("id")).isEqualTo(id);
		assertThat(resolved.text("status")).isEqualTo("resolved");
		JsonNode resolution = resolved.json().get("resolution");
		assertThat(resolution.get("resolution").asString()).isEqualTo("acquirer_error");
		assertThat(resolution.get("note").asString()).isEqualTo("Acquirer confirmed a duplicate line, ticket 4411");
		assertThat(resolution.get("resolved_by").asString()).isEqualTo("usr_operator");
		assertThat(resolution.get("resolved_at").asString()).isNotBlank();
		// the audit: who, when, why and the request it came with
		assertThat(this.jdbc.sql("select correlation_id from reconciliation_resolution where exception_id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("req_resolve_" + id);

		ApiClient.Response again = operator().post(PATH + "/" + id + "/resolve",
				Map.of("resolution", "written_off", "note", "second thoughts"));
		assertThat(again.status()).as(again.body()).isEqualTo(409);
		assertThat(again.text("code")).isEqualTo("state_conflict");
		assertThat(operator().get(PATH + "/" + id).json().get("resolution").get("resolution").asString())
			.isEqualTo("acquirer_error");
	}

	@Test
	void theListFiltersByStatusAndShowsEveryExceptionWithoutAFilter() {
		String open = raiseException();
		String closed = raiseException();
		assertThat(operator()
			.post(PATH + "/" + closed + "/resolve", Map.of("resolution", "timing", "note", "Settled the next day"))
			.status()).isEqualTo(200);

		assertThat(ids(operator().get(PATH + "?limit=100&status=open"))).contains(open).doesNotContain(closed);
		assertThat(ids(operator().get(PATH + "?limit=100&status=resolved"))).contains(closed).doesNotContain(open);
		assertThat(ids(operator().get(PATH + "?limit=100"))).contains(open, closed);
		assertThat(ids(operator().get("/internal/v1/reconciliation_exceptions?limit=100&status=open"))).contains(open)
			.doesNotContain(closed);
		JsonNode listed = find(operator().get(PATH + "?limit=100&status=resolved"), closed);
		assertThat(listed.get("status").asString()).isEqualTo("resolved");
		assertThat(listed.get("resolution").get("note").asString()).isEqualTo("Settled the next day");
		assertThat(find(operator().get(PATH + "?limit=100&status=open"), open).get("status").asString())
			.isEqualTo("open");

		ApiClient.Response badFilter = operator().get(PATH + "?status=closed");
		assertThat(badFilter.status()).isEqualTo(400);
		assertThat(badFilter.text("param")).isEqualTo("status");
	}

	@Test
	void onlyAnOperatorWithASecondFactorResolves() {
		String id = raiseException();
		Map<String, String> body = Map.of("resolution", "matched_manually", "note", "Found it");

		ApiClient.Response merchant = merchant(uniqueId("mer")).post(PATH + "/" + id + "/resolve", body);
		assertThat(merchant.status()).isEqualTo(403);
		ApiClient.Response user = api().withToken(TestTokens.get().user("usr_someone"))
			.post(PATH + "/" + id + "/resolve", body);
		assertThat(user.status()).isEqualTo(403);
		ApiClient.Response passwordOnly = api()
			.withToken(TestTokens.get()
				.sign("usr_operator", List.of("user", "admin"), List.of("pwd"), false, Duration.ofMinutes(5)))
			.post(PATH + "/" + id + "/resolve", body);
		assertThat(passwordOnly.status()).isEqualTo(403);
		assertThat(passwordOnly.text("code")).isEqualTo("mfa_required");
		assertThat(api().post(PATH + "/" + id + "/resolve", body).status()).isEqualTo(401);

		assertThat(operator().get(PATH + "/" + id).text("status")).isEqualTo("open");
		assertThat(resolutionRows(id)).isZero();
	}

	@Test
	void aResolutionNeedsAKnownReasonAndANoteOfOneTo500Characters() {
		String id = raiseException();
		assertInvalid(post(id, Map.of("resolution", "matched_manually")), "note");
		assertInvalid(post(id, Map.of("resolution", "matched_manually", "note", "   ")), "note");
		assertInvalid(post(id, Map.of("resolution", "matched_manually", "note", "x".repeat(501))), "note");
		assertInvalid(post(id, Map.of("resolution", "ignored", "note", "not a reason we keep")), "resolution");
		assertInvalid(post(id, Map.of("note", "no reason code")), "resolution");
		Map<String, Object> nullNote = new HashMap<>();
		nullNote.put("resolution", "timing");
		nullNote.put("note", null);
		assertInvalid(post(id, nullNote), "note");
		assertThat(resolutionRows(id)).isZero();

		assertThat(post(id, Map.of("resolution", "written_off", "note", "x".repeat(500))).status()).isEqualTo(200);
		ApiClient.Response unknown = post("rex_doesnotexist", Map.of("resolution", "timing", "note", "why"));
		assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
		assertThat(operator().get(PATH + "/rex_doesnotexist").status()).isEqualTo(404);
	}

	@Test
	void aResolutionCannotBeChangedOrRemovedAtTheDatabase() {
		String id = raiseException();
		assertThat(post(id, Map.of("resolution", "matched_manually", "note", "Matched to pay_x by hand")).status())
			.isEqualTo(200);

		for (String sql : List.of("update reconciliation_resolution set note = 'rewritten' where exception_id = '%s'",
				"update reconciliation_resolution set resolution = 'timing' where exception_id = '%s'",
				"delete from reconciliation_resolution where exception_id = '%s'",
				"truncate reconciliation_resolution")) {
			assertThatThrownBy(
					() -> this.transactions.executeWithoutResult(status -> this.jdbc.sql(sql.formatted(id)).update()))
				.as(sql)
				.isInstanceOf(DataAccessException.class)
				.rootCause()
				.hasMessageContaining("insert-only");
		}
		assertThat(operator().get(PATH + "/" + id).json().get("resolution").get("note").asString())
			.isEqualTo("Matched to pay_x by hand");
	}

	/** Imports a settlement file with one line the ledger never heard of. */
	private String raiseException() {
		String psp = "psp-x" + Long.toString(System.nanoTime() % 10_000_000);
		FakePspSettlements.serve(psp, "2026-11-24", """
				psp_reference,type,reference,amount,currency,fee,settled_at
				ps_%s,capture,%s,1234,USD,12,2026-11-24T06:00:00Z
				""".formatted(psp, uniqueId("pay")));
		ApiClient.Response report = operator().post("/internal/v1/reconciliations",
				Map.of("psp", psp, "date", "2026-11-24"));
		assertThat(report.status()).as(report.body()).isEqualTo(200);
		assertThat(report.json().get("exceptions")).hasSize(1);
		JsonNode exception = report.json().get("exceptions").get(0);
		assertThat(exception.get("status").asString()).isEqualTo("open");
		return exception.get("id").asString();
	}

	private ApiClient.Response post(String id, Map<String, ?> body) {
		return operator().post(PATH + "/" + id + "/resolve", body);
	}

	private long resolutionRows(String id) {
		return this.jdbc.sql("select count(*) from reconciliation_resolution where exception_id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	private static void assertInvalid(ApiClient.Response response, String param) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo(param);
	}

	private static List<String> ids(ApiClient.Response list) {
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		List<String> ids = new java.util.ArrayList<>();
		list.json().get("data").forEach(row -> ids.add(row.get("id").asString()));
		return ids;
	}

	private static JsonNode find(ApiClient.Response list, String id) {
		for (JsonNode row : list.json().get("data")) {
			if (row.get("id").asString().equals(id)) {
				return row;
			}
		}
		throw new AssertionError(id + " not listed");
	}

}
