package io.emberpay.psp.fault;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * How one acquirer misbehaves. Every field is optional (absent means none).
 *
 * @param latencyMs added before every call to the acquirer
 * @param errorRate share of mutating calls answered 500 or 503 without doing anything
 * @param timeoutRate share of mutating calls that do the work, then hold the answer back
 * for {@code hangMs}: the caller times out not knowing the charge happened
 * @param resetRate share of mutating calls whose connection is cut, half of them after
 * the work was done
 * @param down refuse every call to the acquirer with 503
 * @param hangMs how long a timeout holds the answer; absent means the configured
 * {@code emberpay.psp.faults.hang}
 * @param seed reseeds this acquirer's dice, for a reproducible sequence of faults
 */
public record FaultSettings(@Min(0) Long latencyMs, @DecimalMin("0") @DecimalMax("1") Double errorRate,
		@DecimalMin("0") @DecimalMax("1") Double timeoutRate, @DecimalMin("0") @DecimalMax("1") Double resetRate,
		Boolean down, @Min(0) Long hangMs, Long seed) {

	static final FaultSettings NONE = new FaultSettings(0L, 0.0, 0.0, 0.0, false, null, null);

	/**
	 * The same settings with absent fields spelled out, as the admin API reports them.
	 */
	FaultSettings normalized() {
		return new FaultSettings(latency(), errorShare(), timeoutShare(), resetShare(), isDown(), this.hangMs,
				this.seed);
	}

	double errorShare() {
		return (this.errorRate != null) ? this.errorRate : 0.0;
	}

	double timeoutShare() {
		return (this.timeoutRate != null) ? this.timeoutRate : 0.0;
	}

	double resetShare() {
		return (this.resetRate != null) ? this.resetRate : 0.0;
	}

	long latency() {
		return (this.latencyMs != null) ? this.latencyMs : 0L;
	}

	boolean isDown() {
		return Boolean.TRUE.equals(this.down);
	}

}
