package io.emberpay.notification.notice;

/** One way of reaching a person: email, push. */
public interface NoticeChannel {

	/** The channel's name as stored on notices: {@code email} or {@code push}. */
	String name();

	void send(Notice notice) throws NoticeNotSent;

}
