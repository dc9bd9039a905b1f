package io.emberpay.notification.webhook.target;

/** A webhook URL or the address it resolves to is not one we may call. */
public class TargetRefused extends Exception {

	public TargetRefused(String reason) {
		super(reason, null, false, false);
	}

}
