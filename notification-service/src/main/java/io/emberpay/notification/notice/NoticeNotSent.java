package io.emberpay.notification.notice;

/** A channel could not hand a notice over; it is retried later. */
public class NoticeNotSent extends Exception {

	public NoticeNotSent(String reason, Throwable cause) {
		super(reason, cause);
	}

}
