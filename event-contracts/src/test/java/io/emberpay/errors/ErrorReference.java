package io.emberpay.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the catalogue as {@code docs/errors.md}, the page developers read; the
 * catalogue is the source, the page its copy.
 */
final class ErrorReference {

	private static final Map<String, String> SECTIONS = sections();

	private ErrorReference() {
	}

	static String markdown(ErrorCatalogue catalogue) {
		StringBuilder page = new StringBuilder("""
				# Error codes

				<!-- Generated from event-contracts/src/main/resources/io/emberpay/errors/catalogue.json by
				     ErrorCatalogueDocumentTests; edit the catalogue, then run
				     ./mvnw -B verify -pl event-contracts -Demberpay.docs.write=true -->

				Every error the API answers is an RFC 9457 problem (`application/problem+json`) whose `code` is one
				of those below, and whose `type` is `/errors/{code}`: the gateway answers that URL with the code's
				entry, as JSON or, for a browser, as HTML (`GET /errors` lists them all). Branch on `code`, never
				on `title` or `detail`. The problem shape and status conventions are in [api.md](api.md#errors).

				**Retry?** says whether sending the same request again, unchanged, can succeed. Retry only after
				`Retry-After` when the answer has one, and always with the same `Idempotency-Key`: a retry then
				never does the work twice.
				""");
		for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
			List<ErrorCatalogue.Entry> entries = catalogue.entries()
				.stream()
				.filter((entry) -> entry.raisedBy().get(0).equals(section.getKey())
						|| (section.getKey().equals("common") && entry.raisedBy().get(0).equals("gateway")))
				.toList();
			if (entries.isEmpty()) {
				continue;
			}
			page.append("\n## ").append(section.getValue()).append("\n\n");
			page.append("| code | status | retry? | meaning | what the client should do |\n");
			page.append("|---|---|---|---|---|\n");
			for (ErrorCatalogue.Entry entry : entries) {
				page.append("| `")
					.append(entry.code())
					.append("` | ")
					.append(entry.status())
					.append(" | ")
					.append(entry.retryable() ? "yes" : "no")
					.append(" | ")
					.append(cell(entry.meaning()))
					.append(also(entry))
					.append(" | ")
					.append(cell(entry.clientAction()))
					.append(" |\n");
			}
		}
		return page.toString();
	}

	private static String also(ErrorCatalogue.Entry entry) {
		List<String> others = entry.raisedBy().subList(1, entry.raisedBy().size());
		List<String> services = others.stream().filter((source) -> !source.equals("gateway")).toList();
		return services.isEmpty() ? "" : " Also answered by " + String.join(", ", services) + "-service.";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

	private static Map<String, String> sections() {
		Map<String, String> sections = new LinkedHashMap<>();
		sections.put("common", "Any endpoint (the gateway and every service)");
		sections.put("auth", "Sign-in, accounts and API keys (auth-service)");
		sections.put("payment", "Payment methods, payments and refunds (payment-service)");
		sections.put("notification", "Webhooks (notification-service)");
		sections.put("subscription", "Subscriptions and entitlements (subscription-service)");
		sections.put("ledger", "Ledger: operators' adjustments and reconciliation (ledger-service)");
		sections.put("fraud", "Between services (not answered to API clients)");
		return sections;
	}

}
