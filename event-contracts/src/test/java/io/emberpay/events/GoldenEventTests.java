package io.emberpay.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.events.subscription.EntitlementEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type has a golden file, {@code src/test/resources/golden/<type>.json}: the
 * CloudEvents envelope exactly as the outbox writes it (through {@link EventCodec}). A
 * change to an event's JSON fails here until the golden file is regenerated on purpose
 * with {@code -Demberpay.golden.write=true}; a golden file that no longer reads into the
 * same event means older events in Kafka would not either.
 */
class GoldenEventTests {

	private static final String REGENERATE = "regenerate deliberately with -Demberpay.golden.write=true";

	private static final Path GOLDEN = Path.of("src/test/resources/golden");

	@Test
	void everyEventTypeHasASample() {
		assertThat(SampleEvents.all().map(Object::getClass))
			.containsExactlyInAnyOrderElementsOf(SampleEvents.types().toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void serializesWithTheFieldsAndTypesOfItsGoldenFile(String type, PlatformEvent event) throws IOException {
		String written = EventCodec.toJson(EventCodec.envelope("/golden", event, SampleEvents.TRACEPARENT));
		Path golden = GOLDEN.resolve(type + ".json");
		if (Boolean.getBoolean("emberpay.golden.write")) {
			Files.createDirectories(GOLDEN);
			Files.writeString(golden, pretty(written) + "\n");
		}

		assertThat(golden).as("golden file of %s; %s", type, REGENERATE).exists();
		JsonNode expected = EventCodec.json().readTree(Files.readString(golden));
		JsonNode actual = EventCodec.json().readTree(written);
		assertThat(shape(actual)).as("fields and JSON types of %s against %s; %s", type, golden, REGENERATE)
			.isEqualTo(shape(expected));
		assertThat(actual).as("%s against %s; %s", type, golden, REGENERATE).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void readsItsGoldenFileBackIntoTheSameEvent(String type, PlatformEvent event) throws IOException {
		Path golden = GOLDEN.resolve(type + ".json");
		assertThat(golden).as("golden file of %s; %s", type, REGENERATE).exists();

		CloudEvent envelope = EventCodec.parse(Files.readString(golden));

		assertThat(envelope.type()).isEqualTo(type);
		assertThat(envelope.traceparent()).isEqualTo(SampleEvents.TRACEPARENT);
		assertThat(EventCodec.decode(envelope)).as("%s read from %s", type, golden).isEqualTo(event);
	}

	/**
	 * Entitlement events written before entitlements carried their mode still read; their
	 * {@code livemode} is null, which readers treat as test (EntitlementSnapshot).
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "entitlement.granted", "entitlement.revoked" })
	void readsAnEntitlementEventWrittenWithoutItsModeAsModeless(String type) throws IOException {
		ObjectNode json = (ObjectNode) EventCodec.json().readTree(Files.readString(GOLDEN.resolve(type + ".json")));
		((ObjectNode) json.path("data").path("entitlement")).remove("livemode");

		EntitlementEvent event = (EntitlementEvent) EventCodec.decode(EventCodec.parse(json.toString()));

		assertThat(event.entitlement().livemode()).isNull();
		assertThat(event.entitlement().id()).isEqualTo("ent_0000000000000000000001");
	}

	/**
	 * fraud.alert events written before alerts carried their payment's mode still read;
	 * their {@code livemode} is null, which readers treat as test
	 * (FraudEvent.FraudAlert).
	 */
	@Test
	void readsAFraudAlertWrittenWithoutItsModeAsModeless() throws IOException {
		ObjectNode json = (ObjectNode) EventCodec.json().readTree(Files.readString(GOLDEN.resolve("fraud.alert.json")));
		((ObjectNode) json.path("data")).remove("livemode");

		FraudEvent.FraudAlert alert = (FraudEvent.FraudAlert) EventCodec.decode(EventCodec.parse(json.toString()));

		assertThat(alert.livemode()).isNull();
		assertThat(alert.payment()).isEqualTo("pay_0000000000000000000001");
	}

	static Stream<Object[]> samples() {
		return SampleEvents.all().map((event) -> new Object[] { EventCodec.typeOf(event.getClass()), event });
	}

	private static String pretty(String json) {
		return EventCodec.json()
			.writer()
			.with(SerializationFeature.INDENT_OUTPUT)
			.writeValueAsString(EventCodec.json().readTree(json));
	}

	/** Each field's JSON pointer and JSON type, so a failure names what changed. */
	private static Map<String, String> shape(JsonNode node) {
		Map<String, String> shape = new TreeMap<>();
		collect("", node, shape);
		return shape;
	}

	private static void collect(String pointer, JsonNode node, Map<String, String> shape) {
		shape.put(pointer.isEmpty() ? "/" : pointer, node.getNodeType().name().toLowerCase());
		if (node.isObject()) {
			node.properties().forEach((field) -> collect(pointer + "/" + field.getKey(), field.getValue(), shape));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(pointer + "/" + i, node.get(i), shape);
			}
		}
	}

}
