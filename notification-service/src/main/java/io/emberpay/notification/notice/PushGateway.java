package io.emberpay.notification.notice;

/**
 * Hands a push message to the device providers (FCM for Android, APNs for iOS). The
 * adapter owns device tokens and provider credentials.
 */
public interface PushGateway {

	void push(PushMessage message) throws NoticeNotSent;

}
