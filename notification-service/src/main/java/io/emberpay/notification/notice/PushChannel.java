package io.emberpay.notification.notice;

import java.util.Map;

import org.springframework.stereotype.Component;

/** Push to the user's devices through the configured {@link PushGateway}. */
@Component
class PushChannel implements NoticeChannel {

	private final PushGateway gateway;

	PushChannel(PushGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public String name() {
		return "push";
	}

	@Override
	public void send(Notice notice) throws NoticeNotSent {
		this.gateway.push(new PushMessage(notice.recipient(), notice.subject(), firstLine(notice.body()),
				Map.of("notice", notice.id(), "kind", notice.kind())));
	}

	private static String firstLine(String body) {
		int end = body.indexOf('\n');
		return (end < 0) ? body : body.substring(0, end);
	}

}
