package io.emberpay.console.team;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * The merchant's team (Settings → Team): members and their roles, invitations by e-mail.
 * The API decides who may (an admin member or the merchant's key; the gateway refuses
 * other roles); the console only checks that a member or invitation it is asked to change
 * is one of this merchant's, so another merchant's id is a 404 page before any change is
 * tried.
 */
@Controller
class TeamController {

	private static final Set<String> ROLES = Set.of("admin", "developer", "view_only");

	private final SignedInApi api;

	TeamController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/team")
	String team(@AuthenticationPrincipal ConsoleSession session, Model model) {
		model.addAttribute("members", members(session));
		model.addAttribute("invitations",
				invitations(session).stream()
					.filter(invitation -> "pending".equals(invitation.get("status")))
					.toList());
		return "team";
	}

	@PostMapping("/team/invitations")
	String invite(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
		if (!ROLES.contains(role)) {
			throw new ApiProblem(400, "invalid_request", "Pick one of the roles offered.", "role");
		}
		try {
			this.api.post(session, "/v1/merchants/{merchant}/invitations", Map.of("email", email.strip(), "role", role),
					null, session.subject());
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400 && problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			redirect.addFlashAttribute("errorField", "email");
			return "redirect:/team";
		}
		redirect.addFlashAttribute("notice",
				"The invitation is on its way to " + email.strip() + ". It works for 7 days.");
		return "redirect:/team";
	}

	@PostMapping("/team/invitations/{id}/revoke")
	String revoke(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			RedirectAttributes redirect) {
		requireListed(invitations(session), "id", id, "invitation");
		try {
			this.api.post(session, "/v1/merchants/{merchant}/invitations/{id}/revoke", null, null, session.subject(),
					id);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/team";
		}
		redirect.addFlashAttribute("notice", "The invitation was revoked: its link no longer works.");
		return "redirect:/team";
	}

	@PostMapping("/team/members/{user}/role")
	String changeRole(@AuthenticationPrincipal ConsoleSession session, @PathVariable String user,
			@RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
		if (!ROLES.contains(role)) {
			throw new ApiProblem(400, "invalid_request", "Pick one of the roles offered.", "role");
		}
		requireListed(members(session), "user", user, "member");
		try {
			this.api.patch(session, "/v1/merchants/{merchant}/members/{user}", Map.of("role", role), session.subject(),
					user);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/team";
		}
		redirect.addFlashAttribute("notice", "The role was changed. It applies from the member's next request.");
		return "redirect:/team";
	}

	@PostMapping("/team/members/{user}/remove")
	String remove(@AuthenticationPrincipal ConsoleSession session, @PathVariable String user,
			RedirectAttributes redirect) {
		requireListed(members(session), "user", user, "member");
		try {
			this.api.delete(session, "/v1/merchants/{merchant}/members/{user}", session.subject(), user);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/team";
		}
		redirect.addFlashAttribute("notice", "The member was removed and signed out of this merchant.");
		return "redirect:/team";
	}

	private List<Map<String, Object>> members(ConsoleSession session) {
		return GatewayApi.data(this.api.get(session, "/v1/merchants/{merchant}/members", session.subject()));
	}

	private List<Map<String, Object>> invitations(ConsoleSession session) {
		return GatewayApi.data(this.api.get(session, "/v1/merchants/{merchant}/invitations", session.subject()));
	}

	private static void requireListed(List<Map<String, Object>> listed, String field, String id, String what) {
		if (listed.stream().noneMatch(item -> id.equals(item.get(field)))) {
			throw new ApiProblem(404, "not_found", "No such " + what + " in this team", null);
		}
	}

}
