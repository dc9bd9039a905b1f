package io.emberpay.auth.account;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Password reset and e-mail verification links. {@code resetTtl} counts from the moment
 * the token is minted for the e-mail; {@code mailWithin} bounds how long after the
 * request a link may still be mailed (an event delayed longer sends nothing); at most
 * {@code maxRequestsPerHour} links of one purpose per user are made, further requests are
 * answered alike and mail nothing.
 */
@Validated
@ConfigurationProperties("emberpay.auth.links")
public record AccountLinkProperties(@NotNull Duration resetTtl, @NotNull Duration verificationTtl,
		@NotNull Duration mailWithin, @Min(1) @Max(20) int maxRequestsPerHour) {

	public AccountLinkProperties {
		resetTtl = (resetTtl != null) ? resetTtl : Duration.ofMinutes(30);
		verificationTtl = (verificationTtl != null) ? verificationTtl : Duration.ofDays(7);
		mailWithin = (mailWithin != null) ? mailWithin : Duration.ofMinutes(30);
		maxRequestsPerHour = (maxRequestsPerHour > 0) ? maxRequestsPerHour : 3;
	}

}
