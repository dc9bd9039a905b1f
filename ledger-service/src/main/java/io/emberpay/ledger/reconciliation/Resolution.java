package io.emberpay.ledger.reconciliation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an operator closed a reconciliation exception. Each code closes it as
 * {@code resolved}; {@code written_off} also tells finance the difference will not be
 * recovered, which is booked (if at all) by a manual adjustment, never by the resolution.
 */
enum Resolution {

	/** The line belongs to a ledger movement the importer could not match by itself. */
	MATCHED_MANUALLY("matched_manually"),
	/** The acquirer's report was wrong and the acquirer corrected or confirmed it. */
	ACQUIRER_ERROR("acquirer_error"),
	/**
	 * The ledger learnt of the movement after the file was imported, or on another day.
	 */
	TIMING("timing"),
	/** The difference is accepted as a loss or gain and not pursued further. */
	WRITTEN_OFF("written_off");

	private final String code;

	Resolution(String code) {
		this.code = code;
	}

	String code() {
		return this.code;
	}

	static Optional<Resolution> fromCode(String code) {
		return Arrays.stream(values()).filter(resolution -> resolution.code.equals(code)).findFirst();
	}

	static String codes() {
		return String.join(", ", Arrays.stream(values()).map(Resolution::code).toList());
	}

}
