package io.emberpay.psp.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.emberpay.psp.Acquirer;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated banks settle bank debits on their own once they are
 * {@code emberpay.psp.debits.settle-after} old (zero: only when told by the admin call),
 * as a real debit settles days after it was submitted; each settlement is told to the
 * platform by webhook.
 */
@Component
public class DebitSettlement {

	private static final Logger log = LoggerFactory.getLogger(DebitSettlement.class);

	private final AuthorizationBook book;

	private final AuthorizationProcessor processor;

	private final Properties properties;

	private final Clock clock;

	DebitSettlement(AuthorizationBook book, AuthorizationProcessor processor, Properties properties, Clock clock) {
		this.book = book;
		this.processor = processor;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${emberpay.psp.debits.check-interval:1s}")
	void settleInBackground() {
		if (!this.properties.settleAfter().isZero()) {
			settleDue(this.properties.settleAfter());
		}
	}

	/** Settles every debit submitted at least {@code age} ago; answers how many. */
	public int settleDue(Duration age) {
		Instant cutoff = this.clock.instant().minus(age);
		int settled = 0;
		for (Acquirer acquirer : Acquirer.values()) {
			for (Authorization authorization : this.book.all(acquirer)) {
				if (authorization.debitDueBy(cutoff)) {
					try {
						this.processor.settleDebit(acquirer, authorization.id());
						settled++;
					}
					catch (RuntimeException ex) {
						// returned or settled by an admin call meanwhile
						log.debug("Debit {} not settled: {}", authorization.id(), ex.getMessage());
					}
				}
			}
		}
		return settled;
	}

	/**
	 * @param settleAfter how old a debit is when its bank settles it; zero: never on its
	 * own
	 */
	@Validated
	@ConfigurationProperties("emberpay.psp.debits")
	public record Properties(@DefaultValue("0s") @NotNull Duration settleAfter) {
	}

}
