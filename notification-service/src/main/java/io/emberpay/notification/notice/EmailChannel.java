package io.emberpay.notification.notice;

import io.emberpay.notification.config.NoticeProperties;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP. An address not known yet (sign-up event still on its way) is retried.
 */
@Component
class EmailChannel implements NoticeChannel {

	private final JavaMailSender mail;

	private final Contacts contacts;

	private final String from;

	EmailChannel(JavaMailSender mail, Contacts contacts, NoticeProperties properties) {
		this.mail = mail;
		this.contacts = contacts;
		this.from = properties.from();
	}

	@Override
	public String name() {
		return "email";
	}

	@Override
	public void send(Notice notice) throws NoticeNotSent {
		String to = this.contacts.email(notice.recipient())
			.orElseThrow(() -> new NoticeNotSent("no email address on file for " + notice.recipient(), null));
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(to);
		message.setSubject(notice.subject());
		message.setText(notice.body());
		try {
			this.mail.send(message);
		}
		catch (MailException ex) {
			throw new NoticeNotSent("SMTP refused: " + ex.getMessage(), ex);
		}
	}

}
