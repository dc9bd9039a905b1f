package io.emberpay.console.payments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.emberpay.console.view.MoneyFormat;

/**
 * The payment list's filters as typed into the form. The API lists payments newest first
 * without search, so the console applies these to the newest payments it reads; a value
 * that is not valid is reported, not ignored silently.
 *
 * @param status one of the payment statuses, or blank
 * @param min smallest amount in major units of each payment's currency
 * @param max largest amount, likewise
 * @param from first day (UTC), {@code yyyy-mm-dd}
 * @param to last day (UTC), inclusive
 * @param customer the paying user's id ({@code usr_…})
 */
record PaymentFilter(String status, String min, String max, String from, String to, String customer) {

	static final Set<String> STATUSES = Set.of("requires_action", "processing", "requires_capture", "succeeded",
			"canceled", "failed", "partially_refunded", "refunded");

	static PaymentFilter none() {
		return new PaymentFilter(null, null, null, null, null, null);
	}

	/**
	 * What is wrong with the filter, one message per field; empty when it can be applied.
	 */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (present(this.status) && !STATUSES.contains(this.status)) {
			problems.add("Choose a status from the list.");
		}
		if (present(this.min) && !amount(this.min)) {
			problems.add("Minimum amount: enter a positive amount such as 10 or 10.50.");
		}
		if (present(this.max) && !amount(this.max)) {
			problems.add("Maximum amount: enter a positive amount such as 10 or 10.50.");
		}
		if (present(this.from) && day(this.from).isEmpty()) {
			problems.add("From: enter a date as yyyy-mm-dd.");
		}
		if (present(this.to) && day(this.to).isEmpty()) {
			problems.add("To: enter a date as yyyy-mm-dd.");
		}
		if (present(this.customer) && (this.customer.length() > 64 || !this.customer.strip().startsWith("usr_"))) {
			problems.add("Customer: enter the customer's id, which starts with usr_.");
		}
		return problems;
	}

	// public: the payments page asks it in a template expression
	public boolean active() {
		return present(this.status) || present(this.min) || present(this.max) || present(this.from) || present(this.to)
				|| present(this.customer);
	}

	boolean matches(Map<String, Object> payment) {
		String currency = String.valueOf(payment.get("currency"));
		long amount = (payment.get("amount") instanceof Number n) ? n.longValue() : 0;
		if (present(this.status) && !this.status.equals(payment.get("status"))) {
			return false;
		}
		if (present(this.min) && MoneyFormat.toMinor(this.min, currency).filter(min -> amount < min).isPresent()) {
			return false;
		}
		if (present(this.max) && MoneyFormat.toMinor(this.max, currency).filter(max -> amount > max).isPresent()) {
			return false;
		}
		Instant created = created(payment);
		if (present(this.from) && day(this.from).filter(d -> created.isBefore(start(d))).isPresent()) {
			return false;
		}
		if (present(this.to) && day(this.to).filter(d -> !created.isBefore(start(d.plusDays(1)))).isPresent()) {
			return false;
		}
		return !present(this.customer) || this.customer.strip().equals(payment.get("user"));
	}

	private static Instant created(Map<String, Object> payment) {
		try {
			return Instant.parse(String.valueOf(payment.get("created")));
		}
		catch (DateTimeParseException ex) {
			return Instant.EPOCH;
		}
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static boolean amount(String typed) {
		// any currency with two decimals accepts what a person would type as a bound
		return MoneyFormat.toMinor(typed, "EUR").isPresent();
	}

	private static Optional<LocalDate> day(String typed) {
		try {
			return Optional.of(LocalDate.parse(typed.strip()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
