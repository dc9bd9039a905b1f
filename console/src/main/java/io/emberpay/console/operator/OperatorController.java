package io.emberpay.console.operator;

import java.util.Map;

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

	private final SignedInApi api;

	OperatorController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/operator/merchants")
	String merchants(@AuthenticationPrincipal ConsoleSession session, @RequestParam(required = false) String merchant,
			Model model) {
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
		}
		return "operator/merchants";
	}

	@PostMapping("/operator/merchants/{id}/{action:live_approval|suspend}")
	String decide(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id, @PathVariable String action,
			RedirectAttributes redirect) {
		this.api.post(session, "/v1/merchants/{id}/" + action, null, null, id);
		redirect.addFlashAttribute("notice",
				action.equals("suspend") ? "The merchant is suspended: its keys stop working within a minute."
						: "Live mode is approved for the merchant.");
		return "redirect:/operator/merchants?merchant=" + id;
	}

	@GetMapping("/operator/ledger")
	String ledger(@AuthenticationPrincipal ConsoleSession session, Model model) {
		model.addAttribute("integrity", this.api.get(session, "/v1/ledger/integrity"));
		return "operator/ledger";
	}

	@GetMapping("/operator/audit")
	String audit(@AuthenticationPrincipal ConsoleSession session, Model model) {
		Map<String, Object> audit = this.api.get(session, uri -> uri.path("/v1/fraud/audit").build());
		model.addAttribute("entries", GatewayApi.data(audit));
		return "operator/audit";
	}

	@GetMapping("/operator/acquirers")
	String acquirers(@AuthenticationPrincipal ConsoleSession session, Model model) {
		model.addAttribute("acquirers", GatewayApi.data(this.api.get(session, "/v1/acquirers")));
		return "operator/acquirers";
	}

	@GetMapping("/operator/{page:fraud|reconciliation|users}")
	String notYetAvailable(@PathVariable String page, Model model) {
		model.addAttribute("page", page);
		return "operator/unavailable";
	}

}
