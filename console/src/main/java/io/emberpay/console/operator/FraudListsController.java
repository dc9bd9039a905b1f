package io.emberpay.console.operator;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 * fraud-service's block and allow lists for operators: each list's entries, adding one
 * with a reason (fraud-service audits who added it and why) and removing one after a
 * confirmation page. fraud-service checks the value's shape; the console only bounds it.
 */
@Controller
class FraudListsController {

	/** The lists fraud-service keeps, as operators read them. */
	static final Map<String, String> LISTS = lists();

	private static final Pattern LIST = Pattern.compile("bin|card_fingerprint|device|email_domain");

	private static final int MAX_VALUE = 128;

	private static final int MAX_REASON = 500;

	private final SignedInApi api;

	FraudListsController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/operator/fraud/lists")
	String lists(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "bin") String list,
			Model model) {
		String shown = LIST.matcher(list).matches() ? list : "bin";
		Map<String, Object> page = this.api.get(session,
				uri -> uri.path("/v1/fraud/lists/{list}/entries").queryParam("limit", 100).build(shown));
		model.addAttribute("entries", GatewayApi.data(page));
		model.addAttribute("more", GatewayApi.hasMore(page));
		model.addAttribute("list", shown);
		model.addAttribute("listLabel", LISTS.get(shown));
		model.addAttribute("lists", LISTS);
		return "operator/fraud-lists";
	}

	@PostMapping("/operator/fraud/lists/{list}/add")
	String add(@AuthenticationPrincipal ConsoleSession session, @PathVariable String list,
			@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String action,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
		requireList(list);
		String entry = value.strip();
		String why = reason.strip();
		String wrong = (entry.isEmpty() || entry.length() > MAX_VALUE) ? "value"
				: !(action.equals("block") || action.equals("allow")) ? "action"
						: (why.isEmpty() || why.length() > MAX_REASON) ? "reason" : null;
		if (wrong != null) {
			return refused(session, list, entry, why,
					"Enter a value (at most " + MAX_VALUE + " characters), choose block or allow, and say why (at most "
							+ MAX_REASON + " characters): the reason goes to the audit log.",
					wrong, model);
		}
		try {
			this.api.put(session, "/v1/fraud/lists/{list}/entries/{value}", Map.of("action", action, "reason", why),
					list, entry);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400) {
				throw problem;
			}
			// fraud-service names the value's expected shape
			return refused(session, list, entry, why, problem.getMessage(), problem.param(), model);
		}
		redirect.addFlashAttribute("notice", entry + " is on the " + LISTS.get(list).toLowerCase() + " list as "
				+ (action.equals("block") ? "blocked" : "allowed") + ". Your reason is in the audit log.");
		return "redirect:/operator/fraud/lists?list=" + list;
	}

	/**
	 * The first submission asks to confirm; the confirmed one ({@code confirmed=true})
	 * removes the entry.
	 */
	@PostMapping("/operator/fraud/lists/{list}/remove")
	String remove(@AuthenticationPrincipal ConsoleSession session, @PathVariable String list,
			@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "false") boolean confirmed,
			Model model, RedirectAttributes redirect) {
		requireList(list);
		if (value.isBlank() || value.length() > MAX_VALUE) {
			throw new ApiProblem(404, "not_found", "No list entry has that value.", null);
		}
		if (!confirmed) {
			Map<String, Object> entry = this.api.get(session, "/v1/fraud/lists/{list}/entries/{value}", list, value);
			model.addAttribute("entry", entry);
			model.addAttribute("list", list);
			model.addAttribute("listLabel", LISTS.get(list));
			return "operator/fraud-list-remove";
		}
		try {
			this.api.delete(session, "/v1/fraud/lists/{list}/entries/{value}", list, value);
		}
		catch (ApiProblem problem) {
			if (!problem.notFound() && problem.status() != 400) {
				throw problem;
			}
			redirect.addFlashAttribute("error", value + " is no longer on the list.");
			return "redirect:/operator/fraud/lists?list=" + list;
		}
		redirect.addFlashAttribute("notice",
				value + " is off the " + LISTS.get(list).toLowerCase() + " list. fraud-service audited the removal.");
		return "redirect:/operator/fraud/lists?list=" + list;
	}

	private String refused(ConsoleSession session, String list, String value, String reason, String message,
			String param, Model model) {
		model.addAttribute("error", message);
		model.addAttribute("errorParam", (param == null) ? "value" : param);
		model.addAttribute("value", value);
		model.addAttribute("reason", reason);
		return lists(session, list, model);
	}

	private static void requireList(String list) {
		if (!LIST.matcher(list).matches()) {
			throw new ApiProblem(404, "not_found", "No fraud list has that name.", null);
		}
	}

	private static Map<String, String> lists() {
		Map<String, String> lists = new LinkedHashMap<>();
		lists.put("bin", "Card BIN");
		lists.put("card_fingerprint", "Card fingerprint");
		lists.put("device", "Device");
		lists.put("email_domain", "E-mail domain");
		return Collections.unmodifiableMap(lists);
	}

}
