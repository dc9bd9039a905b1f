package io.emberpay.auth.team;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a member of a merchant's team may do, as Stripe's dashboard roles: an
 * {@code admin} everything, team included; a {@code developer} everything but the team
 * and payouts; a {@code view_only} member reads. The gateway enforces them on merchant
 * tokens; auth-service again on the team endpoints.
 */
public enum TeamRole {

	ADMIN, DEVELOPER, VIEW_ONLY;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TeamRole of(String column) {
		return valueOf(column.toUpperCase(Locale.ROOT));
	}

	/** The role a request names, if it names one of the three. */
	static Optional<TeamRole> parse(String value) {
		return Arrays.stream(values()).filter(role -> role.column().equals(value)).findFirst();
	}

}
