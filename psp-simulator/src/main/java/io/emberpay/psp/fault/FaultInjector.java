package io.emberpay.psp.fault;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.config.PspProperties;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The fault settings of each acquirer and the dice that apply them. Each acquirer has its
 * own dice, seeded from {@code emberpay.psp.faults.seed} when set, and every mutating
 * call throws them the same number of times, so a sequential test sees the same faults on
 * every run.
 */
@Component
public class FaultInjector {

	private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

	private final PspProperties.Faults defaults;

	private final Map<Acquirer, Dice> dice = new EnumMap<>(Acquirer.class);

	public FaultInjector(PspProperties properties) {
		this.defaults = properties.faults();
		for (Acquirer acquirer : Acquirer.values()) {
			this.dice.put(acquirer, new Dice(seedOf(acquirer, this.defaults.seed())));
		}
	}

	public FaultSettings settingsOf(Acquirer acquirer) {
		return this.dice.get(acquirer).settings;
	}

	public FaultSettings configure(Acquirer acquirer, FaultSettings requested) {
		FaultSettings settings = requested.normalized();
		if (settings.errorShare() + settings.timeoutShare() + settings.resetShare() > 1.0) {
			throw new PspException(PspError.INVALID_REQUEST,
					"error_rate + timeout_rate + reset_rate must not exceed 1");
		}
		long maxMs = this.defaults.maxLatency().toMillis();
		if (settings.latency() > maxMs || (settings.hangMs() != null && settings.hangMs() > maxMs)) {
			throw new PspException(PspError.INVALID_REQUEST, "latency_ms and hang_ms must not exceed " + maxMs + " ms");
		}
		Dice acquirerDice = this.dice.get(acquirer);
		synchronized (acquirerDice) {
			if (settings.seed() != null) {
				acquirerDice.random.setSeed(settings.seed());
			}
			acquirerDice.settings = settings;
		}
		log.info("Faults of {} set: {}", acquirer, settings);
		return settings;
	}

	/** Back to a healthy acquirer and the configured seed. */
	public void clear() {
		for (Map.Entry<Acquirer, Dice> entry : this.dice.entrySet()) {
			Dice acquirerDice = entry.getValue();
			synchronized (acquirerDice) {
				acquirerDice.settings = FaultSettings.NONE;
				acquirerDice.random.setSeed(seedOf(entry.getKey(), this.defaults.seed()));
			}
		}
		log.info("Faults of every acquirer cleared");
	}

	/**
	 * Decides the fault of one call. Only mutating calls may fail, hang or be cut; being
	 * down and latency apply to every call, lookups included.
	 */
	FaultPlan plan(Acquirer acquirer, boolean mutating) {
		Dice acquirerDice = this.dice.get(acquirer);
		FaultSettings settings;
		double kind;
		double variant;
		synchronized (acquirerDice) {
			settings = acquirerDice.settings;
			kind = mutating ? acquirerDice.random.nextDouble() : 1.0;
			variant = mutating ? acquirerDice.random.nextDouble() : 0.0;
		}
		Duration latency = Duration.ofMillis(settings.latency());
		Duration hang = (settings.hangMs() != null) ? Duration.ofMillis(settings.hangMs()) : this.defaults.hang();
		FaultPlan.Fault fault = FaultPlan.Fault.NONE;
		if (settings.isDown()) {
			fault = FaultPlan.Fault.REFUSE;
		}
		else if (kind < settings.errorShare()) {
			fault = FaultPlan.Fault.ERROR;
		}
		else if (kind < settings.errorShare() + settings.timeoutShare()) {
			fault = FaultPlan.Fault.TIMEOUT;
		}
		else if (kind < settings.errorShare() + settings.timeoutShare() + settings.resetShare()) {
			fault = (variant < 0.5) ? FaultPlan.Fault.RESET_BEFORE_WORK : FaultPlan.Fault.RESET_AFTER_WORK;
		}
		return new FaultPlan(latency, fault, hang, (variant < 0.5) ? 500 : 503);
	}

	private static long seedOf(Acquirer acquirer, Long configured) {
		return (configured != null) ? configured + acquirer.ordinal() : new Random().nextLong();
	}

	private static final class Dice {

		private final Random random;

		private volatile FaultSettings settings = FaultSettings.NONE;

		Dice(long seed) {
			this.random = new Random(seed);
		}

	}

}
