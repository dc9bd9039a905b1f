package io.emberpay.ledger.hold;

import java.time.Clock;
import java.util.List;

import io.emberpay.ledger.posting.LedgerWriter;
import io.emberpay.ledger.posting.Posting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases holds past their expiry. Safe on every replica at once: the chain lock
 * serialises them and each release's cause is unique per hold.
 */
@Component
public class HoldExpiry {

	private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

	private static final int BATCH = 500;

	private final LedgerHolds holds;

	private final LedgerWriter writer;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public HoldExpiry(LedgerHolds holds, LedgerWriter writer, TransactionTemplate transactions, Clock clock) {
		this.holds = holds;
		this.writer = writer;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${emberpay.ledger.holds.expiry-check:PT30S}")
	public void releaseExpired() {
		int released = releaseExpiredBatch();
		if (released > 0) {
			log.info("Released {} expired holds", released);
		}
	}

	/** Releases up to one batch of expired holds; answers how many. */
	public int releaseExpiredBatch() {
		if (this.holds.expiredBy(this.clock.instant(), 1).isEmpty()) {
			return 0;
		}
		Integer released = this.transactions.execute(status -> {
			this.writer.lockChain();
			List<Posting> releases = this.holds.expiredBy(this.clock.instant(), BATCH)
				.stream()
				.map(hold -> hold.release("hold_expired:" + hold.id(), "hold_expiry", null))
				.toList();
			return releases.isEmpty() ? 0 : this.writer.append(releases).size();
		});
		return (released == null) ? 0 : released;
	}

}
