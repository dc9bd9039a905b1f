package io.emberpay.console.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.gateway.GatewayApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Signing in: a merchant with its secret test key; an operator or a member of a
 * merchant's team with e-mail, password and a TOTP code ({@link TeamSignIn} for the
 * members), and an account without TOTP yet is sent to enrol one before anything else.
 * The API's answers decide; the console only keeps the outcome in the server-side
 * session.
 */
@Controller
class SignInController {

	private static final String MFA_TOKEN = SignInController.class.getName() + ".mfaToken";

	private final GatewayApi gateway;

	private final SessionStart sessions;

	private final TeamSignIn team;

	SignInController(GatewayApi gateway, SessionStart sessions, TeamSignIn team) {
		this.gateway = gateway;
		this.sessions = sessions;
		this.team = team;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal ConsoleSession session) {
		if (session == null) {
			return "redirect:/sign-in";
		}
		return switch (session.kind()) {
			case MERCHANT -> "redirect:/payments";
			case CHOOSING -> "redirect:/choose-merchant";
			case OPERATOR -> "redirect:/operator/merchants";
			case ENROLLING -> "redirect:/enrol";
		};
	}

	@GetMapping("/sign-in")
	String signIn() {
		return "sign-in";
	}

	@PostMapping("/sign-in/key")
	String withKey(@RequestParam(name = "api_key", defaultValue = "") String apiKey, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String key = apiKey.strip();
		if (!key.startsWith("sk_test_")) {
			return refused(model, "api_key",
					key.startsWith("sk_live_")
							? "Live keys cannot sign in to the dashboard. Use one of your test keys (sk_test_…)."
							: "Enter a secret test key: it starts with sk_test_.");
		}
		Map<String, Object> merchant;
		try {
			merchant = this.gateway.get(key, "/v1/merchants/me");
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401 || problem.status() == 403 || problem.status() == 404) {
				return refused(model, "api_key",
						"This key was not accepted: it may be revoked or expired. Create a new one from a key that works.");
			}
			throw problem;
		}
		start(new ConsoleSession(ConsoleSession.Kind.MERCHANT, (String) merchant.get("id"),
				(String) merchant.get("name"), false, key, null), request, response);
		return "redirect:/payments";
	}

	@GetMapping("/sign-up")
	String signUp() {
		return "sign-up";
	}

	/**
	 * A new merchant through the public sign-up ({@code POST /v1/merchants}): its first
	 * secret test key is shown once, on the next page, and signs this browser in.
	 */
	@PostMapping("/sign-up")
	String signUp(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Map<String, Object> merchant;
		try {
			merchant = this.gateway.post(null, "/v1/merchants", Map.of("name", name.strip(), "email", email.strip()),
					null);
		}
		catch (ApiProblem problem) {
			if (problem.status() == 400 || problem.status() == 409 || problem.status() == 429) {
				model.addAttribute("error", (problem.status() == 429)
						? problem.getMessage() + " Wait a moment before you try again." : problem.getMessage());
				model.addAttribute("errorField", "email".equals(problem.param()) ? "email" : "name");
				model.addAttribute("name", name);
				model.addAttribute("email", email);
				return "sign-up";
			}
			throw problem;
		}
		String key = (String) merchant.get("api_key");
		start(new ConsoleSession(ConsoleSession.Kind.MERCHANT, (String) merchant.get("id"),
				(String) merchant.get("name"), false, key, null), request, response);
		redirect.addFlashAttribute("notice", "Welcome to Emberpay. You are in test mode: nothing here moves real "
				+ "money. This is your secret test key; keep it to sign in again and to call the API.");
		redirect.addFlashAttribute("secret", key);
		return "redirect:/payments";
	}

	@PostMapping("/sign-in/password")
	String withPassword(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Map<String, Object> answer;
		try {
			answer = this.gateway.post(null, "/v1/auth/login", Map.of("email", email.strip(), "password", password),
					null);
		}
		catch (ApiProblem problem) {
			if (problem.status() == 400 || problem.status() == 401) {
				return refused(model, "email", "The e-mail or the password is not right.");
			}
			if (problem.status() == 429) {
				return refused(model, "email", problem.getMessage() + " Wait a moment before you try again.");
			}
			throw problem;
		}
		if (Boolean.TRUE.equals(answer.get("mfa_required"))) {
			request.getSession().setAttribute(MFA_TOKEN, answer.get("mfa_token"));
			return "redirect:/sign-in/code";
		}
		return signedIn(answer, false, request, response, model);
	}

	@GetMapping("/sign-in/code")
	String code(HttpSession session) {
		return (session.getAttribute(MFA_TOKEN) == null) ? "redirect:/sign-in" : "sign-in-code";
	}

	@PostMapping("/sign-in/code")
	String withCode(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		HttpSession http = request.getSession();
		Object mfaToken = http.getAttribute(MFA_TOKEN);
		if (mfaToken == null) {
			return "redirect:/sign-in";
		}
		Map<String, Object> tokens;
		try {
			tokens = this.gateway.post(null, "/v1/auth/mfa/verify", Map.of("mfa_token", mfaToken, "code", code.strip()),
					null);
		}
		catch (ApiProblem problem) {
			if (problem.status() == 400 || problem.status() == 401) {
				model.addAttribute("error", "That code was not accepted. Enter the current 6-digit code from your "
						+ "authenticator app, or a recovery code.");
				return "sign-in-code";
			}
			throw problem;
		}
		http.removeAttribute(MFA_TOKEN);
		return signedIn(tokens, true, request, response, model);
	}

	@PostMapping("/sign-out")
	String signOut(@AuthenticationPrincipal ConsoleSession session, HttpServletRequest request,
			RedirectAttributes redirect) {
		String userBearer = (session == null) ? null
				: (session.memberUser() != null) ? session.userBearer() : session.merchant() ? null : session.bearer();
		if (userBearer != null) {
			try {
				this.gateway.post(userBearer, "/v1/auth/logout", null, null);
			}
			catch (ApiProblem alreadyEnded) {
				// the session ends here whatever the API says
			}
		}
		HttpSession http = request.getSession(false);
		if (http != null) {
			http.invalidate();
		}
		SecurityContextHolder.clearContext();
		redirect.addFlashAttribute("notice", "You are signed out.");
		return "redirect:/sign-in";
	}

	private String signedIn(Map<String, Object> tokens, boolean withCode, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String access = (String) tokens.get("access_token");
		Map<String, Object> user = this.gateway.get(access, "/v1/users/me");
		if (!roles(user).contains("admin")) {
			// a merchant's team member, or someone invited to be one
			return this.team.signedIn(user, tokens, withCode, request, response, model);
		}
		ConsoleSession.Kind kind = withCode ? ConsoleSession.Kind.OPERATOR : ConsoleSession.Kind.ENROLLING;
		start(new ConsoleSession(kind, (String) user.get("id"), (String) user.get("email"), false, access,
				(String) tokens.get("refresh_token")), request, response);
		return withCode ? "redirect:/operator/merchants" : "redirect:/enrol";
	}

	private static List<String> roles(Map<String, Object> user) {
		List<String> roles = new ArrayList<>();
		if (user.get("roles") instanceof List<?> listed) {
			listed.forEach(role -> roles.add(String.valueOf(role)));
		}
		return roles;
	}

	private void start(ConsoleSession session, HttpServletRequest request, HttpServletResponse response) {
		this.sessions.start(session, request, response);
	}

	static String refused(Model model, String field, String message) {
		model.addAttribute("error", message);
		model.addAttribute("errorField", field);
		return "sign-in";
	}

}
