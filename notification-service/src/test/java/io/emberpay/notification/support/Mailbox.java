package io.emberpay.notification.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reads what the test SMTP server received for one address. */
public final class Mailbox {

	private Mailbox() {
	}

	public static List<Mail> of(GreenMail server, String address) {
		return Arrays.stream(server.getReceivedMessages()).filter(message -> sentTo(message, address)).map(message -> {
			try {
				return new Mail(message.getSubject(), GreenMailUtil.getBody(message), message.getFrom()[0].toString());
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static boolean sentTo(MimeMessage message, String address) {
		try {
			return message.getAllRecipients() != null
					&& Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Mail(String subject, String body, String from) {
	}

}
