package io.emberpay.console.signin;

import java.util.Map;

import io.emberpay.console.gateway.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The forced TOTP enrolment of an operator account that has none (the first operator,
 * made by the bootstrap): no operator page opens before it, and the API refuses every
 * operator call of a login without a second factor anyway. After it the person signs in
 * again, this time with a code.
 */
@Controller
class EnrolmentController {

	private final SignedInApi api;

	EnrolmentController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/enrol")
	String enrol(@AuthenticationPrincipal ConsoleSession session, Model model) {
		Map<String, Object> factor = this.api.post(session, "/v1/auth/mfa/totp", null, null);
		// not "secret": the layout shows that one as a once-only key the platform keeps
		// hashed
		model.addAttribute("totpSecret", factor.get("secret"));
		model.addAttribute("otpauthUri", factor.get("otpauth_uri"));
		return "enrol";
	}

	@PostMapping("/enrol")
	String activate(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		Map<String, Object> activated;
		try {
			activated = this.api.post(session, "/v1/auth/mfa/totp/activate", Map.of("code", code.strip()), null);
		}
		catch (ApiProblem problem) {
			if (problem.status() == 400 || problem.status() == 409) {
				model.addAttribute("error", "That code was not accepted. Check your device's clock and enter the "
						+ "current 6-digit code.");
				return enrol(session, model);
			}
			throw problem;
		}
		model.addAttribute("recoveryCodes", activated.get("recovery_codes"));
		// the login that enrolled had no second factor: end it, so the next one has it
		try {
			this.api.post(session, "/v1/auth/logout", null, null);
		}
		catch (ApiProblem alreadyEnded) {
			// the console session ends here whatever the API says
		}
		request.getSession().invalidate();
		SecurityContextHolder.clearContext();
		return "enrolled";
	}

}
