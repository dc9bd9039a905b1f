package io.emberpay.starter.privacy;

import java.util.Map;

/**
 * A service's part of a user's personal-data export, which auth-service assembles from
 * every service holding personal data. A service declares one bean of this type and the
 * starter serves it as {@code GET /internal/v1/users/{id}/personal_data}, to auth-service
 * alone.
 */
@FunctionalInterface
public interface PersonalDataSource {

	/**
	 * What this service holds about the user, one JSON field a kind of record (empty
	 * lists for a user it does not know, never an error). Bounded: a user past the bound
	 * is a case for support, not a single response.
	 */
	Map<String, Object> personalData(String userId);

}
