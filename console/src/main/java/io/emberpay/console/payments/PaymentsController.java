package io.emberpay.console.payments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emberpay.console.config.ConsoleProperties;
import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.gateway.GatewayApi;
import io.emberpay.console.signin.ConsoleSession;
import io.emberpay.console.signin.SignedInApi;
import io.emberpay.console.view.MoneyFormat;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The merchant's payments: the list with filters, one payment's timeline, and capture,
 * cancel and refund, each behind a confirmation page whose form carries the idempotency
 * key, so a double submit moves money once.
 */
@Controller
class PaymentsController {

	private static final int PAGE = 100;

	private final SignedInApi api;

	private final int maxScannedPages;

	PaymentsController(SignedInApi api, ConsoleProperties properties) {
		this.api = api;
		this.maxScannedPages = properties.maxScannedPages();
	}

	@GetMapping("/payments")
	String list(@AuthenticationPrincipal ConsoleSession session, PaymentFilter filter,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		PaymentFilter applied = (filter == null) ? PaymentFilter.none() : filter;
		List<String> problems = applied.problems();
		List<Map<String, Object>> shown = new ArrayList<>();
		boolean truncated = false;
		if (problems.isEmpty()) {
			String after = null;
			for (int page = 0; page < this.maxScannedPages; page++) {
				String cursor = after;
				Map<String, Object> list = this.api.get(session, uri -> {
					uri.path("/v1/payments").queryParam("limit", applied.active() ? PAGE : 25);
					if (cursor != null) {
						uri.queryParam("starting_after", cursor);
					}
					return uri.build();
				});
				List<Map<String, Object>> data = GatewayApi.data(list);
				data.stream().filter(applied::matches).forEach(shown::add);
				truncated = GatewayApi.hasMore(list);
				if (!applied.active() || !truncated || data.isEmpty()) {
					break;
				}
				after = String.valueOf(data.get(data.size() - 1).get("id"));
			}
		}
		model.addAttribute("filter", applied);
		model.addAttribute("statuses", PaymentFilter.STATUSES.stream().sorted().toList());
		model.addAttribute("problems", problems);
		model.addAttribute("payments", shown);
		model.addAttribute("truncated", truncated);
		model.addAttribute("scanned", applied.active() ? this.maxScannedPages * PAGE : 25);
		return (htmx != null) ? "payments :: results" : "payments";
	}

	@GetMapping("/payments/{id}")
	String payment(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id, Model model) {
		Map<String, Object> payment = this.api.get(session, "/v1/payments/{id}", id);
		model.addAttribute("payment", payment);
		model.addAttribute("routingReason", routingReason(payment.get("routing_reason")));
		model.addAttribute("timeline", timeline(session, payment));
		return "payment";
	}

	@GetMapping("/payments/{id}/{action:capture|cancel|refund}")
	String confirm(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			@PathVariable String action, Model model) {
		Map<String, Object> payment = this.api.get(session, "/v1/payments/{id}", id);
		return confirmation(model, payment, action, null, UUID.randomUUID().toString(), null);
	}

	@PostMapping("/payments/{id}/{action:capture|cancel|refund}")
	String act(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id, @PathVariable String action,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reason,
			@RequestParam(name = "idempotency_key", defaultValue = "") String idempotencyKey, Model model,
			RedirectAttributes redirect) {
		Map<String, Object> payment = this.api.get(session, "/v1/payments/{id}", id);
		String key = (idempotencyKey.length() >= 16 && idempotencyKey.length() <= 64) ? idempotencyKey
				: UUID.randomUUID().toString();
		String currency = String.valueOf(payment.get("currency"));
		Long minor = null;
		if (!action.equals("cancel") && !amount.isBlank()) {
			minor = MoneyFormat.toMinor(amount, currency).orElse(null);
			if (minor == null) {
				return confirmation(model, payment, action, amount, key, "Enter a positive amount in " + currency
						+ ", with at most its number of decimals, " + "or leave it empty for the full amount.");
			}
		}
		try {
			switch (action) {
				case "capture" -> this.api.post(session, "/v1/payments/{id}/capture",
						(minor != null) ? Map.of("amount", minor) : Map.of(), key, id);
				case "cancel" -> this.api.post(session, "/v1/payments/{id}/cancel", null, key, id);
				default -> this.api.post(session, "/v1/refunds", refund(id, minor, reason), key);
			}
		}
		catch (ApiProblem problem) {
			if (problem.status() == 400 || problem.status() == 409 || problem.status() == 402) {
				return confirmation(model, payment, action, amount, UUID.randomUUID().toString(), problem.getMessage());
			}
			throw problem;
		}
		redirect.addFlashAttribute("notice", switch (action) {
			case "capture" -> "The payment was captured.";
			case "cancel" -> "The payment was canceled.";
			default -> "The refund was made.";
		});
		return "redirect:/payments/" + id;
	}

	private static Map<String, Object> refund(String payment, Long amount, String reason) {
		Map<String, Object> body = new HashMap<>();
		body.put("payment", payment);
		if (amount != null) {
			body.put("amount", amount);
		}
		if (List.of("duplicate", "fraudulent", "requested_by_customer").contains(reason)) {
			body.put("reason", reason);
		}
		return body;
	}

	private static String confirmation(Model model, Map<String, Object> payment, String action, String amount,
			String idempotencyKey, String error) {
		model.addAttribute("payment", payment);
		model.addAttribute("action", action);
		model.addAttribute("amount", amount);
		model.addAttribute("idempotencyKey", idempotencyKey);
		model.addAttribute("error", error);
		return "payment-confirm";
	}

	/**
	 * Everything the API tells about the payment, oldest first: its creation and fraud
	 * decision, the balance transactions it caused and the events sent about it with
	 * their delivery state.
	 */
	private List<TimelineEntry> timeline(ConsoleSession session, Map<String, Object> payment) {
		String id = String.valueOf(payment.get("id"));
		List<TimelineEntry> entries = new ArrayList<>();
		String created = String.valueOf(payment.get("created"));
		entries
			.add(new TimelineEntry(created, "Created", "Payment created with status " + payment.get("status"), null));
		// screening and routing happen while the payment is created; the API gives them
		// no
		// time of their own
		if (payment.get("risk") instanceof Map<?, ?> risk) {
			Object reasons = risk.get("reasons");
			entries.add(new TimelineEntry(created, "Fraud screening",
					"score " + risk.get("score") + " / 100, " + risk.get("decision")
							+ ((reasons instanceof List<?> list && !list.isEmpty())
									? " (" + String.join(", ", list.stream().map(String::valueOf).toList()) + ")"
									: " (no reasons)"),
					null));
		}
		if (payment.get("acquirer") != null) {
			entries.add(new TimelineEntry(created, "Routed",
					"to acquirer " + payment.get("acquirer") + ((payment.get("routing_reason") != null)
							? ": " + routingReason(payment.get("routing_reason")) : ""),
					null));
		}
		for (Map<String, Object> txn : GatewayApi.data(
				this.api.get(session, uri -> uri.path("/v1/balance_transactions").queryParam("limit", 100).build()))) {
			if (id.equals(txn.get("source"))) {
				entries.add(new TimelineEntry(String.valueOf(txn.get("created")), "Ledger",
						txn.get("type") + " " + txn.get("id"), txn));
			}
		}
		for (Map<String, Object> event : GatewayApi
			.data(this.api.get(session, uri -> uri.path("/v1/events").queryParam("limit", 100).build()))) {
			if (about(event, id)) {
				entries.add(new TimelineEntry(String.valueOf(event.get("created")), "Event",
						event.get("type") + " — webhook delivery " + event.get("delivery_status"), event));
			}
		}
		entries.sort(Comparator.comparing(TimelineEntry::at));
		return entries;
	}

	/**
	 * Why routing chose the acquirer, in words; an unknown reason as the API names it.
	 */
	static String routingReason(Object reason) {
		if (reason == null) {
			return null;
		}
		return switch (String.valueOf(reason)) {
			case "priority" -> "first in the merchant's routing priority";
			case "lowest_cost" -> "lowest cost";
			case "authorization_rate" -> "best authorization rate";
			case "failover" -> "failover (an earlier acquirer did nothing)";
			default -> String.valueOf(reason);
		};
	}

	@SuppressWarnings("unchecked")
	private static boolean about(Map<String, Object> event, String paymentId) {
		if (event.get("data") instanceof Map<?, ?> data && data.get("object") instanceof Map<?, ?> object) {
			Map<String, Object> o = (Map<String, Object>) object;
			return paymentId.equals(o.get("id")) || paymentId.equals(o.get("payment"));
		}
		return false;
	}

	/** One line of a payment's timeline; {@code at} is RFC 3339, so it sorts as text. */
	record TimelineEntry(String at, String kind, String text, Map<String, Object> detail) {
	}

}
