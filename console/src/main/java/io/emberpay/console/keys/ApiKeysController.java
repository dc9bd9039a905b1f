package io.emberpay.console.keys;

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
 * The merchant's secret keys. A new or rolled key's secret is shown on the next page only
 * (a flash attribute: in the session until that page is shown, then gone) and cannot be
 * shown again.
 */
@Controller
class ApiKeysController {

	private final SignedInApi api;

	ApiKeysController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/api-keys")
	String keys(@AuthenticationPrincipal ConsoleSession session, Model model) {
		model.addAttribute("keys",
				GatewayApi.data(this.api.get(session, "/v1/merchants/{merchant}/api_keys", session.subject())));
		return "api-keys";
	}

	@PostMapping("/api-keys")
	String create(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "test") String mode,
			RedirectAttributes redirect) {
		Map<String, Object> key = this.api.post(session, "/v1/merchants/{merchant}/api_keys",
				Map.of("mode", "live".equals(mode) ? "live" : "test"), null, session.subject());
		return revealed(redirect, key, "A new key was created.");
	}

	@PostMapping("/api-keys/{id}/roll")
	String roll(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			@RequestParam(name = "expires_in_hours", defaultValue = "1") String hours, RedirectAttributes redirect) {
		long seconds = switch (hours) {
			case "0" -> 0;
			case "24" -> 86_400;
			case "168" -> 604_800;
			default -> 3_600;
		};
		Map<String, Object> key = this.api.post(session, "/v1/merchants/{merchant}/api_keys/{id}/roll",
				Map.of("expires_in_seconds", seconds), null, session.subject(), id);
		return revealed(redirect, key, "The key was rolled: the old one stops working "
				+ ((seconds == 0) ? "now." : "in " + hours + " hour(s)."));
	}

	@PostMapping("/api-keys/{id}/revoke")
	String revoke(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			RedirectAttributes redirect) {
		try {
			this.api.post(session, "/v1/merchants/{merchant}/api_keys/{id}/revoke", null, null, session.subject(), id);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/api-keys";
		}
		redirect.addFlashAttribute("notice", "The key was revoked. Requests made with it now fail.");
		return "redirect:/api-keys";
	}

	private static String revealed(RedirectAttributes redirect, Map<String, Object> key, String notice) {
		redirect.addFlashAttribute("notice", notice);
		redirect.addFlashAttribute("secret", key.get("secret"));
		return "redirect:/api-keys";
	}

}
