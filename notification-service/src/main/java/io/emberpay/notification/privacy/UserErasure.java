package io.emberpay.notification.privacy;

import io.emberpay.notification.notice.Contacts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * notification-service's part of a user's erasure: the copy of their address, their
 * preferences and every receipt or alert addressed to them (subjects and bodies name
 * amounts, cards and descriptions), the device context in the webhook bodies of their
 * payments, and the copies of those bodies in the attempt log. Idempotent: a second run
 * finds nothing.
 */
@Component
public class UserErasure {

	private final JdbcClient jdbc;

	private final Contacts contacts;

	UserErasure(JdbcClient jdbc, Contacts contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void erase(String userId) {
		this.contacts.forgetUser(userId);
		this.jdbc.sql("delete from notification_preference where user_id = ?").param(userId).update();
		this.jdbc.sql("delete from user_notice where recipient = ?").param(userId).update();
		// the merchant keeps its record of the payment (amounts, the pseudonymous user
		// id) but
		// not the device and address it was made from; such a body is re-signed if
		// redelivered
		// what attempts stored of those bodies (any API version's shape, perhaps cut at
		// 16 KiB, so not editable as JSON) goes, with the receiver's answers, which may
		// echo them
		this.jdbc.sql("""
				update webhook_attempt set request_body = null, request_body_truncated = false, response_body = null
				where event_id in (select id from webhook_event
				                   where body like ? and body::jsonb #>> '{data,object,user}' = ?)
				  and (request_body is not null or response_body is not null)""")
			.params("%" + userId + "%", userId)
			.update();
		this.jdbc.sql("""
				update webhook_event set body = jsonb_set(body::jsonb, '{data,object,device}', 'null'::jsonb)::text
				where body like ? and body::jsonb #>> '{data,object,user}' = ?
				  and jsonb_typeof(body::jsonb #> '{data,object,device}') = 'object'""")
			.params("%" + userId + "%", userId)
			.update();
	}

}
