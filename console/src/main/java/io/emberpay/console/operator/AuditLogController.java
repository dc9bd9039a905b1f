package io.emberpay.console.operator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.gateway.GatewayApi;
import io.emberpay.console.signin.ConsoleSession;
import io.emberpay.console.signin.SignedInApi;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One audit log of operator actions across the services that keep one: fraud-service
 * (lists, thresholds, review verdicts), payment-service (acquirer routing),
 * ledger-service (reconciliation resolutions) and auth-service (merchant approval and
 * suspension, account locks, revoked sessions). Each source's newest entries, merged
 * newest first; a source that does not answer is named rather than failing the page.
 */
@Controller
class AuditLogController {

	/** The sources, as operators read them. */
	static final Map<String, String> SOURCES = sources();

	private static final int PER_SOURCE = 50;

	private final SignedInApi api;

	AuditLogController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/operator/audit")
	String audit(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "all") String source,
			Model model) {
		String shown = SOURCES.containsKey(source) ? source : "all";
		List<Entry> entries = new ArrayList<>();
		List<String> unavailable = new ArrayList<>();
		for (String each : SOURCES.keySet()) {
			if (each.equals("all") || !(shown.equals("all") || shown.equals(each))) {
				continue;
			}
			try {
				entries.addAll(read(session, each));
			}
			catch (ApiProblem problem) {
				if (problem.unauthenticated()) {
					throw problem;
				}
				unavailable.add(SOURCES.get(each));
			}
		}
		entries.sort(Comparator.comparing(Entry::instant, Comparator.nullsLast(Comparator.reverseOrder())));
		model.addAttribute("entries", entries);
		model.addAttribute("unavailable", unavailable);
		model.addAttribute("source", shown);
		model.addAttribute("sources", SOURCES);
		return "operator/audit";
	}

	private List<Entry> read(ConsoleSession session, String source) {
		return switch (source) {
			case "fraud" -> rows(session, "/v1/fraud/audit", null).stream()
				.map(e -> new Entry("fraud", text(e, "occurred_at"), text(e, "actor"), text(e, "action"),
						text(e, "target"), text(e, "detail")))
				.toList();
			case "acquirers" -> rows(session, "/v1/acquirers/audit", null).stream()
				.map(e -> new Entry("acquirers", text(e, "changed_at"), text(e, "changed_by"),
						text(e, "previous_state") + " → " + text(e, "state"), text(e, "psp"), text(e, "reason")))
				.toList();
			case "reconciliation" -> rows(session, "/v1/ledger/reconciliation_exceptions", "resolved").stream()
				.map(AuditLogController::resolution)
				.filter(Objects::nonNull)
				.toList();
			default -> rows(session, "/v1/auth/security_events", null).stream()
				.map(e -> new Entry("security", text(e, "occurred_at"), text(e, "actor"), securityAction(e),
						text(e, "subject"), text(e, "note")))
				.toList();
		};
	}

	private List<Map<String, Object>> rows(ConsoleSession session, String path, String status) {
		return GatewayApi.data(this.api.get(session, uri -> {
			uri.path(path).queryParam("limit", PER_SOURCE);
			if (status != null) {
				uri.queryParam("status", status);
			}
			return uri.build();
		}));
	}

	@SuppressWarnings("unchecked")
	private static Entry resolution(Map<String, Object> exception) {
		if (!(exception.get("resolution") instanceof Map<?, ?> resolution)) {
			return null;
		}
		Map<String, Object> r = (Map<String, Object>) resolution;
		return new Entry("reconciliation", text(r, "resolved_at"), text(r, "resolved_by"),
				"resolved as " + text(r, "resolution").replace('_', ' '),
				text(exception, "id") + " (" + text(exception, "psp") + ", " + text(exception, "reference") + ")",
				text(r, "note"));
	}

	/** {@code auth.api_key_changed} says little alone: its change names the action. */
	private static String securityAction(Map<String, Object> event) {
		String type = text(event, "type").replaceFirst("^auth\\.", "").replace('_', ' ');
		String change = text(event, "change");
		return change.isEmpty() ? type : change.replace('_', ' ');
	}

	private static String text(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value == null) ? "" : value.toString();
	}

	private static Map<String, String> sources() {
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("all", "All sources");
		sources.put("fraud", "Fraud lists, thresholds and reviews");
		sources.put("acquirers", "Acquirer routing");
		sources.put("reconciliation", "Reconciliation resolutions");
		sources.put("security", "Merchants and accounts");
		return Collections.unmodifiableMap(sources);
	}

	/** One operator action, whatever service kept it; {@code when} is RFC 3339. */
	record Entry(String source, String when, String actor, String action, String target, String detail) {

		Instant instant() {
			try {
				return Instant.parse(this.when);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

		public String sourceLabel() {
			return SOURCES.getOrDefault(this.source, this.source);
		}

	}

}
