package io.emberpay.console.operator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.gateway.GatewayApi;
import io.emberpay.console.signin.ConsoleSession;
import io.emberpay.console.signin.SignedInApi;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator console, over the operator endpoints the public API offers today. The API
 * itself refuses every operator call of a login without a second factor; the console
 * opens these pages only to such a login as well.
 */
@Controller
class OperatorController {

	private static final Pattern ACQUIRER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

	private static final Pattern MERCHANT_ID = Pattern.compile("mer_[A-Za-z0-9_]{1,60}");

	private static final int MAX_QUERY = 200;

	private static final int PAGE_SIZE = 25;

	private static final Pattern PAYMENT_ID = Pattern.compile("pay_[A-Za-z0-9_]{1,60}");

	private final SignedInApi api;

	OperatorController(SignedInApi api) {
		this.api = api;
	}

	/**
	 * One merchant by id, or else the list, newest first, a page at a time, optionally
	 * only those whose name or e-mail contains {@code query}.
	 */
	@GetMapping("/operator/merchants")
	String merchants(@AuthenticationPrincipal ConsoleSession session, @RequestParam(required = false) String merchant,
			@RequestParam(required = false) String query,
			@RequestParam(name = "starting_after", required = false) String startingAfter, Model model) {
		if (merchant != null && !merchant.isBlank()) {
			String id = merchant.strip();
			if (!id.startsWith("mer_") || id.length() > 64) {
				model.addAttribute("error", "Enter a merchant id: it starts with mer_.");
			}
			else {
				try {
					model.addAttribute("found", this.api.get(session, "/v1/merchants/{id}", id));
				}
				catch (ApiProblem problem) {
					if (!problem.notFound()) {
						throw problem;
					}
					model.addAttribute("error", "No merchant has the id " + id + ".");
				}
			}
			model.addAttribute("merchant", id);
			return "operator/merchants";
		}
		String text = (query == null) ? "" : query.strip();
		model.addAttribute("query", text);
		if (text.length() > MAX_QUERY) {
			model.addAttribute("error", "Search with at most " + MAX_QUERY + " characters of a name or e-mail.");
			model.addAttribute("merchants", List.of());
			return "operator/merchants";
		}
		String after = (startingAfter != null && MERCHANT_ID.matcher(startingAfter).matches()) ? startingAfter : null;
		// as URI variables, which are encoded in full: a typed "&", "+" or "{" stays text
		Map<String, Object> page = this.api.get(session, uri -> {
			uri.path("/v1/merchants").queryParam("limit", PAGE_SIZE);
			if (!text.isEmpty()) {
				uri.queryParam("query", "{query}");
			}
			if (after != null) {
				uri.queryParam("starting_after", "{after}");
			}
			return uri.build(Map.of("query", text, "after", (after != null) ? after : ""));
		});
		List<Map<String, Object>> merchants = GatewayApi.data(page);
		model.addAttribute("merchants", merchants);
		model.addAttribute("paged", after != null);
		if (GatewayApi.hasMore(page) && !merchants.isEmpty()) {
			model.addAttribute("next", merchants.get(merchants.size() - 1).get("id"));
		}
		return "operator/merchants";
	}

	@PostMapping("/operator/merchants/{id}/live_approval")
	String approveLive(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			RedirectAttributes redirect) {
		if (!MERCHANT_ID.matcher(id).matches()) {
			throw new ApiProblem(404, "not_found", "No merchant has that id.", null);
		}
		this.api.post(session, "/v1/merchants/{id}/live_approval", null, null, id);
		redirect.addFlashAttribute("notice", "Live mode is approved for the merchant.");
		return "redirect:/operator/merchants?merchant=" + id;
	}

	/**
	 * Suspending asks to confirm and for a reason, which auth-service keeps in its
	 * security audit; the confirmed submission ({@code confirmed=true}) suspends.
	 */
	@PostMapping("/operator/merchants/{id}/suspend")
	String suspend(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "false") boolean confirmed,
			Model model, RedirectAttributes redirect) {
		if (!MERCHANT_ID.matcher(id).matches()) {
			throw new ApiProblem(404, "not_found", "No merchant has that id.", null);
		}
		String why = reason.strip();
		if (!confirmed || why.isEmpty() || why.length() > 500) {
			if (confirmed) {
				model.addAttribute("error",
						"Say why in a few words (at most 500 characters): the reason goes to the security audit.");
			}
			model.addAttribute("found", this.api.get(session, "/v1/merchants/{id}", id));
			model.addAttribute("reason", why);
			return "operator/merchant-suspend";
		}
		try {
			this.api.post(session, "/v1/merchants/{id}/suspend", Map.of("reason", why), null, id);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400 && problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/operator/merchants?merchant=" + id;
		}
		redirect.addFlashAttribute("notice",
				"The merchant is suspended: its keys stop working within a minute. Your reason is in the security audit.");
		return "redirect:/operator/merchants?merchant=" + id;
	}

	/**
	 * ledger-service keeps no last result, so this runs its full check; the page says so
	 * and when it ran.
	 */
	@GetMapping("/operator/ledger")
	String ledger(@AuthenticationPrincipal ConsoleSession session, Model model) {
		Map<String, Object> integrity = this.api.get(session, "/v1/ledger/integrity");
		model.addAttribute("integrity", integrity);
		model.addAttribute("problems", (integrity.get("problems") instanceof List<?> problems) ? problems : List.of());
		model.addAttribute("checkedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		return "operator/ledger";
	}

	@GetMapping("/operator/acquirers")
	String acquirers(@AuthenticationPrincipal ConsoleSession session, Model model) {
		model.addAttribute("acquirers", GatewayApi.data(this.api.get(session, "/v1/acquirers")));
		return "operator/acquirers";
	}

	/**
	 * Drain an acquirer (no new payments, the others take them), force its breaker open,
	 * or resume it; payment-service audits the operator and the reason.
	 */
	@PostMapping("/operator/acquirers/{name}/{action:drain|force_open|resume}")
	String routeAcquirer(@AuthenticationPrincipal ConsoleSession session, @PathVariable String name,
			@PathVariable String action, @RequestParam(defaultValue = "") String reason, Model model,
			RedirectAttributes redirect) {
		if (!ACQUIRER_NAME.matcher(name).matches()) {
			throw new ApiProblem(404, "not_found", "No acquirer has that name.", null);
		}
		String why = reason.strip();
		if (why.isEmpty() || why.length() > 500) {
			model.addAttribute("error",
					"Say why in a few words (at most 500 characters): the reason goes to the " + "audit log.");
			model.addAttribute("errorAcquirer", name);
			return acquirers(session, model);
		}
		try {
			this.api.post(session, "/v1/acquirers/{name}/" + action, Map.of("reason", why), null, name);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400 && problem.status() != 409) {
				throw problem;
			}
			model.addAttribute("error", problem.getMessage());
			model.addAttribute("errorAcquirer", name);
			return acquirers(session, model);
		}
		redirect.addFlashAttribute("notice", switch (action) {
			case "drain" -> name + " is draining: new payments go to the other acquirers.";
			case "force_open" -> name + "'s breaker is forced open: no payment goes to it until it is resumed.";
			default -> name + " takes payments again.";
		});
		return "redirect:/operator/acquirers";
	}

	/** The payments the fraud engine sent to review, oldest first. */
	@GetMapping("/operator/fraud")
	String reviews(@AuthenticationPrincipal ConsoleSession session, Model model) {
		Map<String, Object> page = this.api.get(session,
				uri -> uri.path("/v1/fraud/reviews").queryParam("limit", 100).build());
		model.addAttribute("reviews", GatewayApi.data(page));
		model.addAttribute("more", GatewayApi.hasMore(page));
		return "operator/fraud";
	}

	@PostMapping("/operator/fraud/{payment}/{verdict:approve|decline}")
	String review(@AuthenticationPrincipal ConsoleSession session, @PathVariable String payment,
			@PathVariable String verdict, @RequestParam(defaultValue = "") String note, Model model,
			RedirectAttributes redirect) {
		if (!PAYMENT_ID.matcher(payment).matches()) {
			throw new ApiProblem(404, "not_found", "No payment has that id.", null);
		}
		String why = note.strip();
		if (why.isEmpty() || why.length() > 500) {
			model.addAttribute("error", "Write a note (at most 500 characters) saying why: it goes to the audit log.");
			model.addAttribute("errorPayment", payment);
			return reviews(session, model);
		}
		try {
			this.api.post(session, "/v1/fraud/reviews/{payment}/" + verdict, Map.of("note", why), null, payment);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/operator/fraud";
		}
		redirect.addFlashAttribute("notice", "Payment " + payment
				+ (verdict.equals("approve") ? " is approved." : " is declined.") + " Your note is in the audit log.");
		return "redirect:/operator/fraud";
	}

}
