package io.emberpay.notification.notice;

import java.util.Optional;

import io.emberpay.notification.config.NoticeProperties;
import io.emberpay.starter.internal.ServiceUnreachable;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP. An address auth-service cannot give right now is retried.
 */
@Component
class EmailChannel implements NoticeChannel {

	private final JavaMailSender mail;

	private final Contacts contacts;

	private final AccountLinkMail links;

	private final InvitationMail invitations;

	private final String from;

	EmailChannel(JavaMailSender mail, Contacts contacts, AccountLinkMail links, InvitationMail invitations,
			NoticeProperties properties) {
		this.mail = mail;
		this.contacts = contacts;
		this.links = links;
		this.invitations = invitations;
		this.from = properties.from();
	}

	@Override
	public String name() {
		return "email";
	}

	@Override
	public void send(Notice notice) throws NoticeNotSent {
		try {
			if (InvitationMail.KIND.equals(notice.kind())) {
				Optional<AccountLinkMail.Mail> mail = this.invitations.compose(notice);
				if (mail.isPresent()) {
					sendNow(mail.get().to(), mail.get().subject(), mail.get().body());
				}
				return;
			}
			if (AccountLinkMail.KINDS.contains(notice.kind())) {
				Optional<AccountLinkMail.Mail> mail = this.links.compose(notice);
				if (mail.isPresent()) {
					sendNow(mail.get().to(), mail.get().subject(), mail.get().body());
				}
				return;
			}
			String to = this.contacts.email(notice.recipient())
				.orElseThrow(() -> new NoticeNotSent("no email address on file for " + notice.recipient(), null));
			sendNow(to, notice.subject(), notice.body());
		}
		catch (ServiceUnreachable ex) {
			throw new NoticeNotSent("auth-service did not answer: " + ex.getMessage(), ex);
		}
		catch (MailException ex) {
			throw new NoticeNotSent("SMTP refused: " + ex.getMessage(), ex);
		}
	}

	private void sendNow(String to, String subject, String body) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(body);
		this.mail.send(message);
	}

}
