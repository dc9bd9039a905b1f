package io.emberpay.auth.audit;

import java.util.regex.Pattern;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/auth/security_events}: operators (with a second factor) read the
 * operator actions of the security audit, newest first, filtered by type, subject or
 * acting operator; {@code starting_after} is the id of the last event of the previous
 * page. Under {@code /v1/auth/} because the gateway routes that prefix to auth-service
 * already.
 */
@RestController
@Tag(name = "Security audit (operators)", description = "Operator actions kept in the security audit")
class SecurityEventController {

	private static final Pattern TYPE = Pattern.compile("auth\\.[a-z_]{1,60}");

	private static final Pattern OBJECT_ID = Pattern.compile("[a-z]{2,5}_[A-Za-z0-9_]{1,60}");

	private final SecurityEvents events;

	SecurityEventController(SecurityEvents events) {
		this.events = events;
	}

	@GetMapping("/v1/auth/security_events")
	@Operation(summary = "Operator: operator actions in the security audit, newest first")
	ListPage<SecurityEvents.SecurityEvent> list(@Parameter(hidden = true) Caller caller,
			@RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String type, @RequestParam(required = false) String subject,
			@RequestParam(required = false) String actor) {
		OperatorAccess.require(caller);
		PageQuery page = PageQuery.of(limit, startingAfter);
		long before = (page.startingAfter() == null) ? Long.MAX_VALUE : eventId(page.startingAfter());
		var filter = new SecurityEvents.Filter(
				matching(type, TYPE, "type", "an event type such as auth.account_locked"),
				matching(subject, OBJECT_ID, "subject", "a user or merchant id"),
				matching(actor, OBJECT_ID, "actor", "an operator's user id"));
		return ListPage.of(this.events.operatorActions(filter, before, page.limit() + 1), page.limit(), event -> event);
	}

	private static String matching(String value, Pattern shape, String param, String what) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!shape.matcher(value).matches()) {
			throw ApiException.invalid(param, param + " must be " + what);
		}
		return value;
	}

	private static long eventId(String id) {
		try {
			long value = Long.parseLong(id);
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the 400 below
		}
		throw ApiException.invalid("starting_after", "starting_after must be a security event id");
	}

}
