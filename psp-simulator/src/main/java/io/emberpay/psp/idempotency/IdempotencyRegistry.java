package io.emberpay.psp.idempotency;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.config.PspProperties;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import io.emberpay.psp.stats.ChargeStats;

import org.springframework.stereotype.Component;

/**
 * Idempotency keys per acquirer, as a real acquirer keeps them: the first request with a
 * key runs and its answer is stored; the same key with the same request gets that answer
 * again and runs nothing; the same key with another request is refused with 422; a retry
 * while the first is still running gets 409. Keys are scoped per acquirer and bounded:
 * beyond {@code emberpay.psp.max-idempotency-keys} the oldest are forgotten.
 */
@Component
public class IdempotencyRegistry {

	private static final int MAX_KEY_LENGTH = 255;

	private final int capacity;

	private final ChargeStats stats;

	private final Map<Acquirer, KeyShelf> shelves = new EnumMap<>(Acquirer.class);

	public IdempotencyRegistry(PspProperties properties, ChargeStats stats) {
		this.capacity = properties.maxIdempotencyKeys();
		this.stats = stats;
		for (Acquirer acquirer : Acquirer.values()) {
			this.shelves.put(acquirer, new KeyShelf());
		}
	}

	/**
	 * Runs {@code call} once per key. A {@link PspException} from the call is a decided
	 * answer (say, "amount exceeds authorized") and is stored like a success; any other
	 * failure releases the key so a retry can run.
	 */
	public KeyedAnswer execute(Acquirer acquirer, String key, RequestFingerprint fingerprint, Supplier<Outcome> call) {
		requireWellFormed(key);
		KeyShelf shelf = this.shelves.get(acquirer);
		KeyRecord running = new KeyRecord(fingerprint, null);
		KeyRecord earlier = shelf.records.putIfAbsent(key, running);
		if (earlier != null) {
			return replay(acquirer, earlier, fingerprint);
		}
		shelf.remember(key, this.capacity);
		Outcome outcome;
		try {
			outcome = call.get();
		}
		catch (PspException ex) {
			outcome = new Outcome(new StoredAnswer(ex.error().status().value(), ex.body()), null);
		}
		catch (RuntimeException | Error ex) {
			shelf.records.remove(key, running);
			throw ex;
		}
		shelf.records.replace(key, running, new KeyRecord(fingerprint, outcome));
		return new KeyedAnswer(outcome.answer(), false);
	}

	/** The authorization a key created or changed, if the keyed call took effect. */
	public Optional<String> authorizationFor(Acquirer acquirer, String key) {
		KeyRecord record = this.shelves.get(acquirer).records.get(key);
		return Optional.ofNullable(record).map(KeyRecord::outcome).map(Outcome::authorizationId);
	}

	public void clear() {
		this.shelves.values().forEach(KeyShelf::clear);
	}

	private KeyedAnswer replay(Acquirer acquirer, KeyRecord earlier, RequestFingerprint fingerprint) {
		if (!earlier.fingerprint().matches(fingerprint)) {
			throw new PspException(PspError.IDEMPOTENCY_KEY_REUSED,
					"this Idempotency-Key was used with a different request");
		}
		if (earlier.outcome() == null) {
			throw new PspException(PspError.IDEMPOTENCY_REQUEST_IN_PROGRESS,
					"a request with this Idempotency-Key is still running");
		}
		this.stats.of(acquirer).replayed();
		return new KeyedAnswer(earlier.outcome().answer(), true);
	}

	private static void requireWellFormed(String key) {
		if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH
				|| !key.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			throw new PspException(PspError.IDEMPOTENCY_KEY_INVALID,
					"the Idempotency-Key must be 1 to 255 visible ASCII characters");
		}
	}

	/** A key's request fingerprint and, once the call finished, its outcome. */
	private record KeyRecord(RequestFingerprint fingerprint, Outcome outcome) {
	}

	private static final class KeyShelf {

		private final Map<String, KeyRecord> records = new ConcurrentHashMap<>();

		private final Queue<String> arrivalOrder = new ConcurrentLinkedQueue<>();

		void remember(String key, int capacity) {
			this.arrivalOrder.add(key);
			while (this.records.size() > capacity) {
				String oldest = this.arrivalOrder.poll();
				if (oldest == null) {
					break;
				}
				this.records.remove(oldest);
			}
		}

		void clear() {
			this.records.clear();
			this.arrivalOrder.clear();
		}

	}

}
