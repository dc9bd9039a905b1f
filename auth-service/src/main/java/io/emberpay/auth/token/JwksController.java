package io.emberpay.auth.token;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Keys", description = "Public keys that verify the platform's access tokens")
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	/**
	 * Cached for less time than a new key waits before it signs, so verifiers always know
	 * a key before they meet a token signed with it.
	 */
	@SecurityRequirements
	@GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
	@Operation(summary = "JSON Web Key Set (RFC 7517) of the ES256 keys that sign access tokens")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.publishedKeys().toJSONObject(true));
	}

}
