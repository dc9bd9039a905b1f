package io.emberpay.console.signin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.gateway.GatewayApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Members of a merchant's team in the console: they sign in like operators (e-mail,
 * password, TOTP; without TOTP they enrol first), accept an invitation from its e-mailed
 * link, pick a merchant when they belong to several, and then work with a merchant token
 * auth-service issues for their login (test mode unless they switch to live, for a
 * merchant approved for it). The API decides every step.
 */
@Controller
class TeamSignIn {

	/** An invitation opened before signing in, accepted right after. */
	private static final String PENDING_INVITATION = TeamSignIn.class.getName() + ".invitation";

	private final GatewayApi gateway;

	private final SignedInApi api;

	private final SessionStart sessions;

	TeamSignIn(GatewayApi gateway, SignedInApi api, SessionStart sessions) {
		this.gateway = gateway;
		this.api = api;
		this.sessions = sessions;
	}

	/** After the password (and the code, {@code withCode}) of a non-operator account. */
	String signedIn(Map<String, Object> user, Map<String, Object> tokens, boolean withCode, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String access = (String) tokens.get("access_token");
		HttpSession http = request.getSession();
		String pending = (String) http.getAttribute(PENDING_INVITATION);
		if (!withCode) {
			if (pending == null && memberships(access).isEmpty()) {
				return notAMember(access, model);
			}
			this.sessions.start(
					new ConsoleSession(ConsoleSession.Kind.ENROLLING, (String) user.get("id"),
							(String) user.get("email"), false, access, (String) tokens.get("refresh_token")),
					request, response);
			return "redirect:/enrol";
		}
		if (pending != null) {
			http.removeAttribute(PENDING_INVITATION);
			accept(access, pending).ifPresentOrElse(
					refusal -> RequestContextUtils.getOutputFlashMap(request).put("error", refusal),
					() -> RequestContextUtils.getOutputFlashMap(request)
						.put("notice", "You joined the team. Welcome."));
		}
		List<Map<String, Object>> memberships = memberships(access);
		if (memberships.isEmpty()) {
			return notAMember(access, model);
		}
		ConsoleSession choosing = ConsoleSession.choosing((String) user.get("id"), (String) user.get("email"), access,
				(String) tokens.get("refresh_token"));
		if (memberships.size() == 1) {
			return work(choosing, (String) memberships.get(0).get("merchant"), request, response);
		}
		this.sessions.start(choosing, request, response);
		return "redirect:/choose-merchant";
	}

	@GetMapping("/choose-merchant")
	String choose(@AuthenticationPrincipal ConsoleSession session, Model model) {
		model.addAttribute("memberships", memberships(session));
		return "choose-merchant";
	}

	@PostMapping("/choose-merchant")
	String chosen(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "") String merchant,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		boolean known = memberships(session).stream().anyMatch(m -> merchant.equals(m.get("merchant")));
		if (!known) {
			redirect.addFlashAttribute("error", "You are not a member of that merchant's team.");
			return "redirect:/choose-merchant";
		}
		return work(session, merchant, request, response);
	}

	/** The test/live switch of a member: the merchant token is asked for again. */
	@PostMapping("/mode")
	String mode(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "test") String mode,
			RedirectAttributes redirect) {
		if (!session.member()) {
			redirect.addFlashAttribute("error", "A secret test key works in test mode only. Live mode is for the "
					+ "members of a merchant's team signed in with their e-mail.");
			return "redirect:/payments";
		}
		boolean live = "live".equals(mode);
		try {
			this.api.merchantToken(session, session.subject(), live);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 403) {
				throw problem;
			}
			redirect.addFlashAttribute("error", "Live mode is not approved for this merchant yet.");
			return "redirect:/payments";
		}
		redirect.addFlashAttribute("notice",
				live ? "You are in live mode: payments here move real money." : "You are in test mode.");
		return "redirect:/payments";
	}

	@GetMapping("/invitations/{token}")
	String invitation(@PathVariable String token, Model model) {
		model.addAttribute("token", token);
		return "invitation";
	}

	/**
	 * A signed-in member accepts at once; anyone else signs in first (with the invited
	 * address) and the invitation is accepted right after.
	 */
	@PostMapping("/invitations/accept")
	String accept(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "") String token,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (token.isBlank() || token.length() > 256) {
			redirect.addFlashAttribute("error", "The invitation link is not complete. Open it from the e-mail again.");
			return "redirect:/sign-in";
		}
		String userBearer = (session != null) ? session.userBearer() : null;
		if (session == null || session.memberUser() == null || userBearer == null) {
			request.getSession().setAttribute(PENDING_INVITATION, token);
			redirect.addFlashAttribute("notice", "Sign in with the e-mail address the invitation was sent to, and "
					+ "your authenticator code, to accept it.");
			return "redirect:/sign-in";
		}
		Optional<String> refusal = acceptRenewing(session, token);
		if (refusal.isPresent()) {
			redirect.addFlashAttribute("error", refusal.get());
			return "redirect:/choose-merchant";
		}
		redirect.addFlashAttribute("notice", "You joined the team. Pick it below to work on it.");
		return "redirect:/choose-merchant";
	}

	private String work(ConsoleSession signedIn, String merchant, HttpServletRequest request,
			HttpServletResponse response) {
		Map<String, Object> issued = this.api.merchantToken(signedIn, merchant, false);
		this.sessions.start(ConsoleSession.member(merchant, (String) issued.get("merchant_name"),
				(String) issued.get("role"), false, (String) issued.get("access_token"), signedIn), request, response);
		return "redirect:/payments";
	}

	private List<Map<String, Object>> memberships(ConsoleSession session) {
		return GatewayApi.data(this.api.asUser(session, bearer -> this.gateway.get(bearer, "/v1/users/me/merchants")));
	}

	private List<Map<String, Object>> memberships(String access) {
		return GatewayApi.data(this.gateway.get(access, "/v1/users/me/merchants"));
	}

	private Optional<String> acceptRenewing(ConsoleSession session, String token) {
		return this.api.asUser(session, bearer -> Map.of("refusal", accept(bearer, token).orElse("")))
			.values()
			.stream()
			.map(String::valueOf)
			.filter(refusal -> !refusal.isEmpty())
			.findFirst();
	}

	/** Accepts; answers why not when the API refused. */
	private Optional<String> accept(String access, String token) {
		try {
			this.gateway.post(access, "/v1/merchants/invitations/accept", Map.of("token", token), null);
			return Optional.empty();
		}
		catch (ApiProblem problem) {
			if (problem.status() >= 500 || problem.unauthenticated()) {
				throw problem;
			}
			return Optional.of(switch (String.valueOf(problem.code())) {
				case "invitation_email_mismatch" ->
					"This invitation was sent to another e-mail address. Sign in with that address to accept it.";
				case "email_not_verified" ->
					"Confirm your e-mail address first (the link sent when you signed up), then open the invitation again.";
				case "invitation_expired" -> "This invitation has expired. Ask an admin of the team for a new one.";
				case "invitation_revoked" -> "This invitation was revoked. Ask an admin of the team for a new one.";
				case "invitation_already_accepted" -> "This invitation was already accepted.";
				default ->
					"This invitation link is not valid. Open the newest invitation e-mail, or ask for a new one.";
			});
		}
	}

	private String notAMember(String access, Model model) {
		try {
			this.gateway.post(access, "/v1/auth/logout", null, null);
		}
		catch (ApiProblem alreadyEnded) {
			// nothing to end
		}
		return SignInController.refused(model, "email", "This account is not a member of any merchant's team. "
				+ "Ask an admin of your team to invite you, or sign in with your secret test key.");
	}

}
