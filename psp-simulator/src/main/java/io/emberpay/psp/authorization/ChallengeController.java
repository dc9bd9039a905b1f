package io.emberpay.psp.authorization;

import java.net.URI;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The issuer's 3-D Secure page, where {@code next_action.redirect_url} sends the
 * cardholder: a page with "pass" and "fail", and the form's target, which completes the
 * challenge, tells the platform by signed webhook and sends the browser back to the
 * merchant's {@code return_url} (303), or answers the authorization when there is none.
 */
@RestController
class ChallengeController {

	private final AuthorizationProcessor processor;

	ChallengeController(AuthorizationProcessor processor) {
		this.processor = processor;
	}

	@GetMapping(path = "/{psp}/v1/authorizations/{id}/challenge", produces = MediaType.TEXT_HTML_VALUE)
	String page(@PathVariable Acquirer psp, @PathVariable String id) {
		AuthorizationView authorization = this.processor.findById(psp, id);
		if (!"requires_action".equals(authorization.status())) {
			throw new PspException(PspError.INVALID_STATE, "the challenge is over");
		}
		// ids are [a-z0-9_]: nothing to escape
		return """
				<!doctype html><html><head><title>3-D Secure test page</title></head><body>
				<h1>Emberpay test issuer: 3-D Secure</h1><p>Payment %s, %d %s</p>
				<form method="post"><input type="hidden" name="result" value="pass"><button>Pass the challenge</button></form>
				<form method="post"><input type="hidden" name="result" value="fail"><button>Fail the challenge</button></form>
				</body></html>"""
			.formatted(authorization.reference(), authorization.amount(), authorization.currency());
	}

	@PostMapping("/{psp}/v1/authorizations/{id}/challenge")
	ResponseEntity<Object> complete(@PathVariable Acquirer psp, @PathVariable String id,
			@RequestParam("result") String result) {
		if (!result.equals("pass") && !result.equals("fail")) {
			throw new PspException(PspError.INVALID_REQUEST, "result must be pass or fail");
		}
		Authorization authorization = this.processor.completeChallenge(psp, id, result.equals("pass"));
		String returnUrl = authorization.returnUrl();
		if (returnUrl != null) {
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(returnUrl)).build();
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(authorization.view());
	}

}
