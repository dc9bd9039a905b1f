package io.emberpay.payment.vault;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves data keys onto the active key-encryption key in small batches while the service
 * keeps serving: each record stays readable throughout, under whichever key wraps it at
 * that moment. Replicas share the work through {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
public class KeyRotation {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final PaymentMethodRepository methods;

	private final EnvelopeCipher cipher;

	private final TransactionTemplate transactions;

	private final int batchSize;

	KeyRotation(PaymentMethodRepository methods, EnvelopeCipher cipher, TransactionTemplate transactions,
			VaultProperties properties) {
		this.methods = methods;
		this.cipher = cipher;
		this.transactions = transactions;
		this.batchSize = properties.rewrapBatchSize();
	}

	@Scheduled(fixedDelayString = "${emberpay.vault.rewrap-interval}")
	void rewrapInBackground() {
		int moved = rewrapAll();
		if (moved > 0) {
			log.info("Re-wrapped {} card data keys under key-encryption key version {}", moved,
					this.cipher.activeVersion());
		}
	}

	/** Re-wraps every record still under an older key; answers how many moved. */
	public int rewrapAll() {
		int total = 0;
		int moved;
		do {
			moved = rewrapBatch();
			total += moved;
		}
		while (moved == this.batchSize);
		return total;
	}

	private int rewrapBatch() {
		Integer moved = this.transactions.execute(status -> {
			List<PaymentMethodRepository.WrappedKey> batch = this.methods.lockWrappedUnder(this.cipher.activeVersion(),
					this.batchSize);
			for (PaymentMethodRepository.WrappedKey key : batch) {
				this.methods.updateWrappedKey(key.id(),
						this.cipher.rewrap(key.id(), key.wrappedDataKey(), key.kekVersion()),
						this.cipher.activeVersion());
			}
			return batch.size();
		});
		return (moved == null) ? 0 : moved;
	}

}
