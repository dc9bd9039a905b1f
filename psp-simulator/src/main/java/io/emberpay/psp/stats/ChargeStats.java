package io.emberpay.psp.stats;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.psp.Acquirer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The ledger of what each acquirer actually did, so a test can assert "exactly N
 * authorizations happened" however many retries the platform sent.
 */
@Component
public class ChargeStats {

	/** Replaced whole on reset, so counting needs no lock. */
	private volatile Map<Acquirer, AcquirerCounters> counters;

	private final MeterRegistry meters;

	public ChargeStats(MeterRegistry meters) {
		this.meters = meters;
		reset();
	}

	public AcquirerCounters of(Acquirer acquirer) {
		return this.counters.get(acquirer);
	}

	/** Figures per acquirer, keyed by its path name ({@code psp-a}, {@code psp-b}). */
	public Map<String, AcquirerCounters.AcquirerStats> snapshot() {
		Map<String, AcquirerCounters.AcquirerStats> figures = new LinkedHashMap<>();
		Map<Acquirer, AcquirerCounters> current = this.counters;
		for (Acquirer acquirer : Acquirer.values()) {
			figures.put(acquirer.pathName(), current.get(acquirer).snapshot());
		}
		return figures;
	}

	public void reset() {
		Map<Acquirer, AcquirerCounters> fresh = new EnumMap<>(Acquirer.class);
		for (Acquirer acquirer : Acquirer.values()) {
			fresh.put(acquirer, new AcquirerCounters(acquirer, this.meters));
		}
		this.counters = fresh;
	}

}
