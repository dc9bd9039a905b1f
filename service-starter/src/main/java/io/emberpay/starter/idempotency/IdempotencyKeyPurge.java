package io.emberpay.starter.idempotency;

import org.springframework.scheduling.annotation.Scheduled;

/** Deletes keys past their retention in bounded batches. */
class IdempotencyKeyPurge {

	private final IdempotencyStore store;

	private final IdempotencyProperties properties;

	IdempotencyKeyPurge(IdempotencyStore store, IdempotencyProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${emberpay.idempotency.purge-interval}")
	void purge() {
		int batch = this.properties.purgeBatchSize();
		while (this.store.purgeExpired(batch) == batch) {
			// keep going until a short batch shows the backlog is gone
		}
	}

}
