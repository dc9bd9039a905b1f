package io.emberpay.console.operator;

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
 * Operators find a person's account by e-mail, then lock or unlock it or sign it out
 * everywhere, with a reason auth-service keeps in its security audit.
 */
@Controller
class UsersController {

	private static final Pattern USER_ID = Pattern.compile("usr_[A-Za-z0-9_]{1,60}");

	private final SignedInApi api;

	UsersController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/operator/users")
	String users(@AuthenticationPrincipal ConsoleSession session, @RequestParam(required = false) String email,
			@RequestParam(required = false) String user, Model model) {
		if (user != null && USER_ID.matcher(user).matches()) {
			try {
				model.addAttribute("found", this.api.get(session, "/v1/users/{id}", user));
			}
			catch (ApiProblem problem) {
				if (!problem.notFound()) {
					throw problem;
				}
				model.addAttribute("error", "No user has the id " + user + ".");
			}
		}
		else if (email != null && !email.isBlank()) {
			String address = email.strip();
			model.addAttribute("email", address);
			if (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+")) {
				model.addAttribute("error", "Enter an e-mail address such as ada@example.com.");
			}
			else {
				List<Map<String, Object>> found = GatewayApi
					.data(this.api.get(session, uri -> uri.path("/v1/users").queryParam("email", address).build()));
				if (found.isEmpty()) {
					model.addAttribute("error", "No account has the e-mail address " + address + ".");
				}
				else {
					model.addAttribute("found", found.get(0));
				}
			}
		}
		return "operator/users";
	}

	/**
	 * Lock (login refused, every session revoked), unlock, or sign out everywhere; the
	 * reason goes to auth-service's security audit.
	 */
	@PostMapping("/operator/users/{id}/{action:lock|unlock|revoke_sessions}")
	String act(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id, @PathVariable String action,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
		if (!USER_ID.matcher(id).matches()) {
			throw new ApiProblem(404, "not_found", "No user has that id.", null);
		}
		String why = reason.strip();
		if (why.isEmpty() || why.length() > 500) {
			model.addAttribute("reasonMissing", true);
			model.addAttribute("error",
					"Say why in a few words (at most 500 characters): the reason goes to the " + "security audit.");
			return users(session, null, id, model);
		}
		try {
			this.api.post(session, "/v1/users/{id}/" + action, Map.of("reason", why), null, id);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 409 && problem.status() != 400) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/operator/users?user=" + id;
		}
		redirect.addFlashAttribute("notice", switch (action) {
			case "lock" -> "The account is locked: it is signed out everywhere and cannot sign in until unlocked.";
			case "unlock" -> "The account is unlocked: it can sign in again.";
			default -> "The account is signed out everywhere; its password still works.";
		});
		return "redirect:/operator/users?user=" + id;
	}

}
