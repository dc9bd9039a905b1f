package io.emberpay.auth.token;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Tokens after a login, MFA verification or refresh; or, when the password was right and
 * MFA is on, only {@code mfa_required} and the {@code mfa_token} to send to
 * {@code /v1/auth/mfa/verify}.
 */
public record TokenResponse(@Schema(description = "ES256 JWT, at most 15 minutes") String accessToken,
		@Schema(description = "Opaque, single use: each refresh answers a new one") String refreshToken,
		@Schema(example = "Bearer") String tokenType,
		@Schema(description = "Access token lifetime in seconds") Long expiresIn, Boolean mfaRequired,
		String mfaToken) {

	public static TokenResponse of(Sessions.IssuedTokens tokens) {
		return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresInSeconds(), null,
				null);
	}

	public static TokenResponse mfaRequired(String mfaToken) {
		return new TokenResponse(null, null, null, null, true, mfaToken);
	}

}
