package io.emberpay.auth.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record PasswordChangeRequest(
		@Schema(description = "The password the user has now") @NotNull @Size(min = 1,
				max = 128) String currentPassword,
		@Schema(description = "12 to 128 characters, not a common password, not the current one") @NotNull @Size(
				max = 1024) String newPassword,
		@Schema(description = "A TOTP or recovery code; required when the user has MFA on") @Size(max = 32) @Pattern(
				regexp = "[0-9A-Za-z -]+") String mfaCode) {

	/**
	 * Keeps both passwords out of any log line or error message that prints the request.
	 */
	@Override
	public String toString() {
		return "PasswordChangeRequest[mfaCode=" + ((this.mfaCode != null) ? "present" : "absent") + "]";
	}

}
