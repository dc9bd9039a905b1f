package io.emberpay.notification.notice;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.emberpay.notification.config.AccountMailProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Team invitations ({@code auth.member_invited}), mailed like account links: the notice
 * stores the invitation's id only; the address and the token are fetched from
 * auth-service as the mail goes out and put only into the body handed to SMTP. A retried
 * send mints a fresh token; an invitation accepted, revoked or expired meanwhile sends
 * nothing.
 */
@Component
class InvitationMail {

	static final String KIND = "member_invitation";

	/** What an invitation notice's body holds before the id: never a token. */
	static final String BODY_PREFIX = "invitation:";

	private static final Logger log = LoggerFactory.getLogger(InvitationMail.class);

	private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final AuthAccounts accounts;

	private final AccountMailProperties properties;

	InvitationMail(AuthAccounts accounts, AccountMailProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	Optional<AccountLinkMail.Mail> compose(Notice notice) {
		String invitation = notice.body().substring(BODY_PREFIX.length());
		Optional<AuthAccounts.IssuedInvitation> issued = this.accounts.invitation(invitation);
		if (issued.isEmpty()) {
			log.info("Invitation {} is no longer to be mailed (accepted, revoked or expired)", invitation);
		}
		return issued.map(this::mail);
	}

	private AccountLinkMail.Mail mail(AuthAccounts.IssuedInvitation invitation) {
		String role = invitation.role().replace('_', ' ');
		return new AccountLinkMail.Mail(invitation.email(),
				"You are invited to " + invitation.merchantName() + " on Emberpay", """
						You are invited to join the team of %s on Emberpay as %s.
						To accept, sign in to the Emberpay console with this e-mail address (two-step verification is
						needed) and open this link; it works once and expires at %s:

						%s/invitations/%s

						If you did not expect this, ignore this e-mail.
						""".formatted(invitation.merchantName(), role, EXPIRY.format(invitation.expiresAt()),
						this.properties.consoleUrl(), invitation.token()));
	}

}
