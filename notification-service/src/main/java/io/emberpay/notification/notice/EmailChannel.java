package io.emberpay.notification.notice;

import io.emberpay.notification.config.NoticeProperties;
import io.emberpay.starter.internal.InternalApiClient;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP. An address auth-service cannot give right now is retried.
 */
@Component
public class EmailChannel implements NoticeChannel {

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
		String to;
		try {
			to = this.contacts.email(notice.recipient())
				.orElseThrow(() -> new NoticeNotSent("no email address on file for " + notice.recipient(), null));
		}
		catch (InternalApiClient.Unreachable ex) {
			throw new NoticeNotSent("auth-service did not give the address: " + ex.getMessage(), ex);
		}
		try {
			sendNow(to, notice.subject(), notice.body());
		}
		catch (MailException ex) {
			throw new NoticeNotSent("SMTP refused: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Sends at once, storing nothing: for mails whose body must not rest anywhere (a link
	 * token). A refusal is thrown for the caller to retry.
	 */
	public void sendNow(String to, String subject, String body) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(body);
		this.mail.send(message);
	}

}
