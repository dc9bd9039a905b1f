package io.emberpay.subscription.subscription;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.subscription.SubscriptionError;

/**
 * {@code incomplete -> trialing | active -> past_due -> active | unpaid | canceled}.
 * {@code unpaid} and {@code canceled} are final: the entitlement is gone and a new
 * subscription is needed.
 */
public enum SubscriptionStatus {

	INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, UNPAID, CANCELED;

	private static final Set<SubscriptionStatus> LIVE = EnumSet.of(INCOMPLETE, TRIALING, ACTIVE, PAST_DUE);

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static SubscriptionStatus parse(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	public boolean isLive() {
		return LIVE.contains(this);
	}

	/** Checks that this state may move to {@code next}, else a 409 problem. */
	public SubscriptionStatus moveTo(SubscriptionStatus next) {
		boolean allowed = switch (this) {
			case INCOMPLETE -> next == ACTIVE || next == CANCELED;
			case TRIALING -> next == ACTIVE || next == PAST_DUE || next == CANCELED;
			case ACTIVE -> next == ACTIVE || next == PAST_DUE || next == CANCELED;
			case PAST_DUE -> next == ACTIVE || next == UNPAID || next == CANCELED;
			case UNPAID, CANCELED -> false;
		};
		if (!allowed) {
			throw new ApiException(SubscriptionError.SUBSCRIPTION_STATE_CONFLICT,
					"A subscription that is " + wire() + " cannot become " + next.wire());
		}
		return next;
	}

}
