package io.emberpay.console.operator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 * Reconciliation exceptions for operators: settlement-file lines that did not match the
 * ledger (ledger-service raises them on import), open ones first. Each open exception can
 * be resolved with a reason and a note, after a confirmation page; ledger-service keeps
 * who resolved it, when and why, and refuses a second resolution.
 */
@Controller
class ReconciliationController {

	private static final Pattern EXCEPTION_ID = Pattern.compile("rex_[A-Za-z0-9_]{1,60}");

	private static final int MAX_NOTE = 500;

	/** The reason codes ledger-service accepts, as operators read them. */
	static final Map<String, String> RESOLUTIONS = resolutions();

	private final SignedInApi api;

	ReconciliationController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/operator/reconciliation")
	String reconciliation(@AuthenticationPrincipal ConsoleSession session,
			@RequestParam(defaultValue = "open") String status, Model model) {
		String shown = switch (status) {
			case "resolved", "all" -> status;
			default -> "open";
		};
		Map<String, Object> page = this.api.get(session,
				uri -> uri.path("/v1/ledger/reconciliation_exceptions")
					.queryParam("limit", 100)
					.queryParam("status", shown)
					.build());
		model.addAttribute("exceptions", GatewayApi.data(page));
		model.addAttribute("more", GatewayApi.hasMore(page));
		model.addAttribute("status", shown);
		model.addAttribute("resolutions", RESOLUTIONS);
		return "operator/reconciliation";
	}

	/**
	 * The form's first submission shows what will be recorded and asks to confirm; the
	 * confirmed one ({@code confirmed=true}) resolves the exception.
	 */
	@PostMapping("/operator/reconciliation/{id}/resolve")
	String resolve(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			@RequestParam(defaultValue = "") String resolution, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "false") boolean confirmed, Model model, RedirectAttributes redirect) {
		if (!EXCEPTION_ID.matcher(id).matches()) {
			throw new ApiProblem(404, "not_found", "No reconciliation exception has that id.", null);
		}
		String why = note.strip();
		if (!RESOLUTIONS.containsKey(resolution) || why.isEmpty() || why.length() > MAX_NOTE) {
			model.addAttribute("error", "Choose a resolution and write a note (at most " + MAX_NOTE
					+ " characters) saying why: both go to the ledger's record of who resolved it.");
			model.addAttribute("errorException", id);
			return reconciliation(session, "open", model);
		}
		if (!confirmed) {
			Map<String, Object> exception = this.api.get(session, "/v1/ledger/reconciliation_exceptions/{id}", id);
			if (!"open".equals(exception.getOrDefault("status", "open"))) {
				redirect.addFlashAttribute("error", "Exception " + id + " is already resolved.");
				return "redirect:/operator/reconciliation?status=resolved";
			}
			model.addAttribute("exception", exception);
			model.addAttribute("resolution", resolution);
			model.addAttribute("resolutionLabel", RESOLUTIONS.get(resolution));
			model.addAttribute("note", why);
			return "operator/reconciliation-confirm";
		}
		try {
			this.api.post(session, "/v1/ledger/reconciliation_exceptions/{id}/resolve",
					Map.of("resolution", resolution, "note", why), null, id);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400 && problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/operator/reconciliation";
		}
		redirect.addFlashAttribute("notice", "Exception " + id + " is resolved as "
				+ RESOLUTIONS.get(resolution).toLowerCase(Locale.ROOT) + ". Your note is kept with it.");
		return "redirect:/operator/reconciliation";
	}

	private static Map<String, String> resolutions() {
		Map<String, String> resolutions = new LinkedHashMap<>();
		resolutions.put("matched_manually", "Matched manually");
		resolutions.put("acquirer_error", "Acquirer error");
		resolutions.put("timing", "Timing");
		resolutions.put("written_off", "Written off");
		return Collections.unmodifiableMap(resolutions);
	}

}
