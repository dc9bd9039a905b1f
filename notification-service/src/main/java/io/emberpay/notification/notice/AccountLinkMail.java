package io.emberpay.notification.notice;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

import io.emberpay.notification.config.AccountMailProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Password reset and e-mail verification mails. Their notice stores only the link's id;
 * the token is minted at auth-service when the mail is about to go out and put into the
 * body handed to SMTP, so it rests in no table and no log. A retried send mints a fresh
 * token (the previous one stops working); a link auth-service no longer issues (used, too
 * old, user erased) sends nothing.
 */
@Component
class AccountLinkMail {

	static final String PASSWORD_RESET = "password_reset";

	static final String EMAIL_VERIFICATION = "email_verification";

	static final Set<String> KINDS = Set.of(PASSWORD_RESET, EMAIL_VERIFICATION);

	/** What a link notice's body holds before the id: never a token. */
	static final String BODY_PREFIX = "account_link:";

	private static final Logger log = LoggerFactory.getLogger(AccountLinkMail.class);

	private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final AuthAccounts accounts;

	private final AccountMailProperties properties;

	AccountLinkMail(AuthAccounts accounts, AccountMailProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	/**
	 * The mail to send for a link notice, empty when the link is no longer to be mailed.
	 */
	Optional<Mail> compose(Notice notice) {
		String link = notice.body().substring(BODY_PREFIX.length());
		Optional<AuthAccounts.IssuedLink> issued = this.accounts.issue(link);
		if (issued.isEmpty()) {
			log.info("Account link {} is no longer to be mailed (used, expired or user erased)", link);
		}
		return issued.map(this::mail);
	}

	private Mail mail(AuthAccounts.IssuedLink link) {
		// an absolute time: the reader's clock and ours need not agree on "in 30 minutes"
		String expires = EXPIRY.format(link.expiresAt());
		if (PASSWORD_RESET.equals(link.purpose())) {
			return new Mail(link.email(), "Reset your Emberpay password", """
					Someone, hopefully you, asked to reset the password of your Emberpay account.
					To choose a new password, open this link; it works once and expires at %s:

					%s/reset-password#token=%s

					If you did not ask for this, ignore this e-mail: your password stays as it is.
					""".formatted(expires, this.properties.appUrl(), link.token()));
		}
		return new Mail(link.email(), "Confirm your e-mail address", """
				Welcome to Emberpay. Please confirm that this is your e-mail address by opening this link:

				%s/verify-email#token=%s

				If you did not sign up, ignore this e-mail.
				""".formatted(this.properties.appUrl(), link.token()));
	}

	/** A composed mail; its body holds a live token. */
	record Mail(String to, String subject, String body) {

		@Override
		public String toString() {
			return "Mail[subject=" + this.subject + "]";
		}

	}

}
