package io.emberpay.local.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the answers of one phase were: each latency from the request's intended send time
 * (so a stall counts in every request it delayed), the count of each status and of each
 * problem {@code code}, the refusals without {@code Retry-After}, and the successful
 * payments completed inside the phase's window, which make its goodput.
 */
final class Tally {

	private final Recorder latencies = new Recorder(TimeUnit.MINUTES.toNanos(5), 3);

	private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder succeededInWindow = new LongAdder();

	private final LongAdder unscreened = new LongAdder();

	private final LongAdder answers = new LongAdder();

	private final LongAdder refusals = new LongAdder();

	private final LongAdder refusalsWithoutRetryAfter = new LongAdder();

	private final long windowStart;

	private final long windowEnd;

	Tally(long windowStart, long windowEnd) {
		this.windowStart = windowStart;
		this.windowEnd = windowEnd;
	}

	/** One request's outcome, completed at {@code now}. */
	void record(Answer answer, long intended, long now) {
		this.latencies.recordValue(Math.min(TimeUnit.MINUTES.toNanos(5), Math.max(0, now - intended)));
		this.answers.increment();
		this.statuses.computeIfAbsent(answer.status(), key -> new LongAdder()).increment();
		if (answer.problemCode() != null) {
			this.problems.computeIfAbsent(answer.problemCode(), key -> new LongAdder()).increment();
		}
		if (answer.refusal()) {
			this.refusals.increment();
			if (!answer.retryAfter()) {
				this.refusalsWithoutRetryAfter.increment();
			}
		}
		if (answer.succeeded()) {
			this.succeeded.increment();
			if (answer.unscreened()) {
				this.unscreened.increment();
			}
			if (now - this.windowStart >= 0 && now - this.windowEnd <= 0) {
				this.succeededInWindow.increment();
			}
		}
	}

	Summary summary() {
		return new Summary(this.latencies.getIntervalHistogram(), sorted(this.statuses), sorted(this.problems),
				this.answers.sum(), this.succeeded.sum(), this.succeededInWindow.sum(), this.unscreened.sum(),
				this.refusals.sum(), this.refusalsWithoutRetryAfter.sum());
	}

	private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
		Map<String, Long> sorted = new TreeMap<>();
		counts.forEach((key, count) -> sorted.put(key, count.sum()));
		return sorted;
	}

	/**
	 * How one request ended: its HTTP status, or {@code timeout}, {@code io_error} or
	 * {@code gave_up} (waited for a connection past the timeout, never sent); the
	 * problem's {@code code} where the body was a problem; whether it was a refusal (429,
	 * 503) and whether that carried Retry-After; whether it was a payment that succeeded,
	 * and whether it succeeded unscreened (approved by payment-service's fallback when
	 * fraud-service did not answer).
	 */
	record Answer(String status, String problemCode, boolean refusal, boolean retryAfter, boolean succeeded,
			boolean unscreened) {

		static Answer failure(String kind) {
			return new Answer(kind, null, false, false, false, false);
		}

	}

	/** The figures of one phase; latencies in nanoseconds. */
	record Summary(Histogram latencies, Map<String, Long> statuses, Map<String, Long> problems, long answers,
			long succeeded, long succeededInWindow, long unscreened, long refusals, long refusalsWithoutRetryAfter) {

		double percentileMs(double percentile) {
			return (this.latencies.getTotalCount() == 0) ? 0 : this.latencies.getValueAtPercentile(percentile) / 1e6;
		}

		long status(String status) {
			return this.statuses.getOrDefault(status, 0L);
		}

		double failedShare() {
			return (this.answers == 0) ? 1 : (this.answers - this.succeeded) / (double) this.answers;
		}

		/**
		 * The count of each status; successful payments approved without fraud screening
		 * are named among the 201s.
		 */
		String statusCounts() {
			String counts = counts(this.statuses);
			return (this.unscreened == 0) ? counts
					: counts + " (of the 201s, unscreened by fraud-service: " + this.unscreened + ")";
		}

		String problemCounts() {
			return this.problems.isEmpty() ? "none" : counts(this.problems);
		}

		private static String counts(Map<String, Long> counts) {
			StringBuilder text = new StringBuilder();
			counts.forEach(
					(key, count) -> text.append((text.length() == 0) ? "" : " ").append(key).append('=').append(count));
			return text.toString();
		}

	}

}
