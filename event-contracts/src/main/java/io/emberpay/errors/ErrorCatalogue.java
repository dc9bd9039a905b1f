package io.emberpay.errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code code} a problem of the public API can carry, each once, with what a client
 * should do about it: read from {@code catalogue.json} beside this class. The problem
 * {@code type} of a code is {@code /errors/{code}}, where the gateway serves its entry.
 */
public final class ErrorCatalogue {

	/** Who answers a code: {@code common} is every servlet service (CommonError). */
	public static final Set<String> SOURCES = Set.of("common", "gateway", "auth", "payment", "fraud", "ledger",
			"notification", "subscription");

	private static final String RESOURCE = "catalogue.json";

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,63}");

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Map<String, Entry> entries;

	private ErrorCatalogue(Map<String, Entry> entries) {
		this.entries = entries;
	}

	/** The catalogue shipped with this module. */
	public static ErrorCatalogue load() {
		try (InputStream in = ErrorCatalogue.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("No " + RESOURCE + " beside " + ErrorCatalogue.class.getName());
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a catalogue document, refusing one with a code listed twice or an entry that
	 * does not say everything a client needs.
	 */
	public static ErrorCatalogue parse(String json) {
		Document document = JSON.readValue(json, Document.class);
		List<String> problems = new ArrayList<>();
		Map<String, Entry> entries = new LinkedHashMap<>();
		for (Entry entry : (document.codes() != null) ? document.codes() : List.<Entry>of()) {
			problems.addAll(entry.problems());
			if (entries.putIfAbsent(entry.code(), entry) != null) {
				problems.add(entry.code() + " is listed more than once");
			}
		}
		if (entries.isEmpty()) {
			problems.add("the catalogue lists no code");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid error catalogue: " + String.join("; ", problems));
		}
		return new ErrorCatalogue(Collections.unmodifiableMap(entries));
	}

	/** Every entry, in the catalogue's order. */
	public List<Entry> entries() {
		return List.copyOf(this.entries.values());
	}

	public Optional<Entry> find(String code) {
		return Optional.ofNullable(this.entries.get(code));
	}

	/** The entries that {@code source} (one of {@link #SOURCES}) answers. */
	public List<Entry> raisedBy(String source) {
		return this.entries.values().stream().filter((entry) -> entry.raisedBy().contains(source)).toList();
	}

	/**
	 * One code.
	 *
	 * @param code the problem's {@code code}
	 * @param status the HTTP status every problem with this code has
	 * @param title the problem's {@code title}, the same on every occurrence
	 * @param raisedBy which of {@link #SOURCES} answer it
	 * @param retryable whether the same request, sent again unchanged, can succeed
	 * @param meaning what happened, for a developer
	 * @param clientAction what a client should do about it
	 */
	public record Entry(String code, int status, String title, List<String> raisedBy, boolean retryable, String meaning,
			String clientAction) {

		public Entry {
			raisedBy = (raisedBy != null) ? List.copyOf(raisedBy) : List.of();
		}

		/** The problem {@code type} of this code. */
		public String type() {
			return "/errors/" + this.code;
		}

		List<String> problems() {
			List<String> problems = new ArrayList<>();
			String name = (this.code != null) ? this.code : "an entry without a code";
			if (this.code == null || !CODE.matcher(this.code).matches()) {
				problems.add(name + ": a code is lower-case snake_case");
			}
			if (this.status < 400 || this.status > 599) {
				problems.add(name + ": status " + this.status + " is not an error status");
			}
			if (blank(this.title) || blank(this.meaning) || blank(this.clientAction)) {
				problems.add(name + ": title, meaning and client_action are all needed");
			}
			if (this.raisedBy.isEmpty() || !SOURCES.containsAll(this.raisedBy)
					|| new HashSet<>(this.raisedBy).size() != this.raisedBy.size()) {
				problems.add(name + ": raised_by " + this.raisedBy + " must name some of " + SOURCES + " once each");
			}
			return problems;
		}

		private static boolean blank(String text) {
			return text == null || text.isBlank();
		}

	}

	record Document(String about, List<Entry> codes) {
	}

}
