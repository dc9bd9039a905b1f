package io.emberpay.notification.account;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.emberpay.events.auth.AuthEvent;
import io.emberpay.notification.config.AccountMailProperties;
import io.emberpay.notification.notice.AuthAccounts;
import io.emberpay.notification.notice.EmailChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Mails password reset and e-mail verification links. Unlike receipts these are not
 * queued in {@code user_notice}: the body holds a live token, so it is composed, sent and
 * forgotten in one go. A failed send throws, the event is retried, and each retry mints a
 * fresh token (the previous one stops working).
 */
@Component
public class AccountLinkMailer {

	private static final Logger log = LoggerFactory.getLogger(AccountLinkMailer.class);

	private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final AuthAccounts accounts;

	private final EmailChannel email;

	private final AccountMailProperties properties;

	AccountLinkMailer(AuthAccounts accounts, EmailChannel email, AccountMailProperties properties) {
		this.accounts = accounts;
		this.email = email;
		this.properties = properties;
	}

	/** Answers whether the event was one of the link requests. */
	public boolean onEvent(AuthEvent event) {
		String link = switch (event) {
			case AuthEvent.PasswordResetRequested requested -> requested.request();
			case AuthEvent.EmailVerificationRequested requested -> requested.request();
			default -> null;
		};
		if (link == null) {
			return false;
		}
		this.accounts.issue(link)
			.ifPresentOrElse(this::send,
					() -> log.info("Account link {} is no longer to be mailed (used, expired or user erased)", link));
		return true;
	}

	private void send(AuthAccounts.IssuedLink link) {
		// an absolute time: the reader's clock and ours need not agree on "in 30 minutes"
		String expires = EXPIRY.format(link.expiresAt());
		if ("password_reset".equals(link.purpose())) {
			this.email.sendNow(link.email(), "Reset your Emberpay password", """
					Someone, hopefully you, asked to reset the password of your Emberpay account.
					To choose a new password, open this link; it works once and expires at %s:

					%s/reset-password#token=%s

					If you did not ask for this, ignore this e-mail: your password stays as it is.
					""".formatted(expires, this.properties.appUrl(), link.token()));
		}
		else {
			this.email.sendNow(link.email(), "Confirm your e-mail address", """
					Welcome to Emberpay. Please confirm that this is your e-mail address by opening this link:

					%s/verify-email#token=%s

					If you did not sign up, ignore this e-mail.
					""".formatted(this.properties.appUrl(), link.token()));
		}
	}

}
