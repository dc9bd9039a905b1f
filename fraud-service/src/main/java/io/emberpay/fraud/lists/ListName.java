package io.emberpay.fraud.lists;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The operator-managed lists, each with the shape of the values it holds. */
public enum ListName {

	BIN("[0-9]{6,8}"), CARD_FINGERPRINT("[A-Za-z0-9_+/=.:-]{8,128}"), DEVICE("[^\\p{Cntrl}]{1,128}"),
	EMAIL_DOMAIN("(?=.{3,128}$)[a-z0-9-]+(\\.[a-z0-9-]+)+");

	private final Pattern valueShape;

	ListName(String valueShape) {
		this.valueShape = Pattern.compile(valueShape);
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<ListName> fromCode(String code) {
		for (ListName name : values()) {
			if (name.code().equals(code)) {
				return Optional.of(name);
			}
		}
		return Optional.empty();
	}

	/**
	 * The value as stored and matched (domains are case-insensitive), or empty when
	 * malformed.
	 */
	public Optional<String> normalize(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String normalized = (this == EMAIL_DOMAIN) ? value.toLowerCase(Locale.ROOT) : value;
		return this.valueShape.matcher(normalized).matches() ? Optional.of(normalized) : Optional.empty();
	}

}
