package io.emberpay.auth.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record LoginRequest(@NotBlank @Size(max = 254) @Email(regexp = Emails.PATTERN) String email,
		@NotNull @Size(min = 1, max = 128) String password,
		@Schema(description = "Stable id the app keeps for this install") @Size(max = 128) @Pattern(
				regexp = "[A-Za-z0-9._:-]+") String deviceId,
		@Schema(description = "Device signals the app collects; only a SHA-256 of it is kept") @Size(
				max = 1024) String deviceFingerprint) {
}
