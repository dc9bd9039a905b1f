package io.emberpay.console.operator;

import java.util.Map;
import java.util.regex.Pattern;

import io.emberpay.console.gateway.ApiProblem;
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
 * A merchant's fraud thresholds for operators: the score at which a payment goes to
 * review and the one at which it is declined. A change shows the current and the new
 * values and asks to confirm; fraud-service audits who changed them.
 */
@Controller
class FraudThresholdsController {

	private static final Pattern MERCHANT_ID = Pattern.compile("mer_[0-9a-z_]{1,60}");

	private final SignedInApi api;

	FraudThresholdsController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/operator/fraud/thresholds")
	String thresholds(@AuthenticationPrincipal ConsoleSession session, @RequestParam(required = false) String merchant,
			Model model) {
		if (merchant == null || merchant.isBlank()) {
			return "operator/fraud-thresholds";
		}
		String id = merchant.strip();
		model.addAttribute("merchant", id);
		if (!MERCHANT_ID.matcher(id).matches()) {
			model.addAttribute("error", "Enter a merchant id: it starts with mer_.");
			return "operator/fraud-thresholds";
		}
		// fraud-service answers defaults for any id: a typo must not get thresholds of
		// its own
		try {
			model.addAttribute("found", this.api.get(session, "/v1/merchants/{id}", id));
		}
		catch (ApiProblem problem) {
			if (!problem.notFound()) {
				throw problem;
			}
			model.addAttribute("error", "No merchant has the id " + id + ".");
			return "operator/fraud-thresholds";
		}
		model.addAttribute("thresholds", this.api.get(session, "/v1/fraud/merchants/{id}/thresholds", id));
		return "operator/fraud-thresholds";
	}

	/**
	 * The first submission shows the change and asks to confirm; the confirmed one
	 * ({@code confirmed=true}) sets it.
	 */
	@PostMapping("/operator/fraud/thresholds/{merchant}")
	String change(@AuthenticationPrincipal ConsoleSession session, @PathVariable String merchant,
			@RequestParam(name = "review_at", defaultValue = "") String reviewAt,
			@RequestParam(name = "decline_at", defaultValue = "") String declineAt,
			@RequestParam(defaultValue = "false") boolean confirmed, Model model, RedirectAttributes redirect) {
		if (!MERCHANT_ID.matcher(merchant).matches()) {
			throw new ApiProblem(404, "not_found", "No merchant has that id.", null);
		}
		Integer review = score(reviewAt);
		Integer decline = score(declineAt);
		if (review == null || decline == null || review > decline) {
			model.addAttribute("error",
					"Enter whole numbers from 1 to 100, the review score no higher than " + "the decline score.");
			model.addAttribute("reviewAt", reviewAt);
			model.addAttribute("declineAt", declineAt);
			return thresholds(session, merchant, model);
		}
		if (!confirmed) {
			model.addAttribute("merchant", merchant);
			model.addAttribute("current", this.api.get(session, "/v1/fraud/merchants/{id}/thresholds", merchant));
			model.addAttribute("reviewAt", review);
			model.addAttribute("declineAt", decline);
			return "operator/fraud-thresholds-confirm";
		}
		try {
			this.api.put(session, "/v1/fraud/merchants/{id}/thresholds",
					Map.of("review_at", review, "decline_at", decline), merchant);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400) {
				throw problem;
			}
			model.addAttribute("error", problem.getMessage());
			return thresholds(session, merchant, model);
		}
		redirect.addFlashAttribute("notice", "Payments of " + merchant + " now go to review from score " + review
				+ " and are declined from " + decline + ". fraud-service audited the change.");
		return "redirect:/operator/fraud/thresholds?merchant=" + merchant;
	}

	private static Integer score(String text) {
		String value = text.strip();
		if (!value.matches("[0-9]{1,3}")) {
			return null;
		}
		int score = Integer.parseInt(value);
		return (score >= 1 && score <= 100) ? score : null;
	}

}
