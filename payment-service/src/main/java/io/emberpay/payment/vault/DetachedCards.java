package io.emberpay.payment.vault;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the numbers of detached cards once no payment in flight can still need them
 * (PCI DSS 3.2.1: keep card data no longer than needed). What the payment history shows
 * (brand, last4, fingerprint) stays.
 */
@Component
class DetachedCards {

	private static final Logger log = LoggerFactory.getLogger(DetachedCards.class);

	private final PaymentMethodRepository methods;

	private final Duration retention;

	private final Clock clock;

	DetachedCards(PaymentMethodRepository methods, VaultProperties properties, Clock clock) {
		this.methods = methods;
		this.retention = properties.detachedNumberRetention();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	void purge() {
		int purged = this.methods.purgeDetachedNumbers(this.clock.instant().minus(this.retention));
		if (purged > 0) {
			log.info("Deleted the numbers of {} detached cards", purged);
		}
	}

}
