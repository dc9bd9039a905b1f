package io.emberpay.psp.payout;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import io.emberpay.psp.idempotency.IdempotencyRegistry;
import io.emberpay.psp.idempotency.KeyedAnswer;
import io.emberpay.psp.idempotency.Outcome;
import io.emberpay.psp.idempotency.RequestFingerprint;
import io.emberpay.psp.idempotency.StoredAnswer;
import io.emberpay.psp.settlement.SettlementBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The acquirer's payout desk: takes payouts (idempotent by key, like every mutating
 * call), keeps them in transit for {@code arrival}, then pays them or fails them as the
 * bank account calls for, as Stripe's test accounts do: an account number ending in 1116
 * has no account ({@code no_account}), one ending in 1113 is closed
 * ({@code account_closed}), every other one is paid. A paid payout becomes a line of the
 * day's settlement report. Logs name the account by its last four digits only.
 */
@Service
public class PayoutDesk {

	private static final Logger log = LoggerFactory.getLogger(PayoutDesk.class);

	private final IdempotencyRegistry idempotency;

	private final SettlementBook settlement;

	private final PayoutProperties properties;

	private final Clock clock;

	private final Map<Acquirer, Map<String, SimulatedPayout>> payouts = new EnumMap<>(Acquirer.class);

	private final AtomicLong ids = new AtomicLong();

	public PayoutDesk(IdempotencyRegistry idempotency, SettlementBook settlement, PayoutProperties properties,
			Clock clock) {
		this.idempotency = idempotency;
		this.settlement = settlement;
		this.properties = properties;
		this.clock = clock;
		for (Acquirer acquirer : Acquirer.values()) {
			this.payouts.put(acquirer, Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<String, SimulatedPayout> eldest) {
					return size() > properties.maxPayouts();
				}
			}));
		}
	}

	public KeyedAnswer pay(Acquirer acquirer, String key, PayoutRequest request) {
		PayoutRequest.Destination to = request.destination();
		String number = to.number();
		if (number == null) {
			throw new PspException(PspError.INVALID_REQUEST,
					"destination needs " + ("iban".equals(to.type()) ? "iban" : "routing_number and account_number"));
		}
		RequestFingerprint fingerprint = RequestFingerprint.of("POST /payouts", request);
		return this.idempotency.execute(acquirer, key, fingerprint, () -> {
			String last4 = number.substring(number.length() - 4);
			String failure = switch (last4) {
				case "1116" -> "no_account";
				case "1113" -> "account_closed";
				default -> null;
			};
			var now = this.clock.instant();
			SimulatedPayout payout = new SimulatedPayout(
					"spo_" + acquirer.pathName().replace("-", "") + "_" + this.ids.incrementAndGet(),
					request.reference(), request.amount(), request.currency(), last4, now,
					now.plus(this.properties.arrival()), (failure == null) ? "paid" : "failed", failure);
			this.payouts.get(acquirer).put(payout.id(), payout);
			log.info("{} took payout {} of {} {} to account ending {}", acquirer, payout.id(), request.amount(),
					request.currency(), last4);
			return new Outcome(new StoredAnswer(200, payout.view()), null);
		});
	}

	/** The payout by id, decided first if it has arrived. */
	public PayoutView find(Acquirer acquirer, String id) {
		SimulatedPayout payout = existing(acquirer, id);
		if (payout.arriveBy(this.clock.instant())) {
			settled(acquirer, payout);
		}
		return payout.view();
	}

	/** The operator decides a payout in transit now: {@code paid} or {@code failed}. */
	public PayoutView decide(Acquirer acquirer, String id, String status, String failureCode) {
		if (!"paid".equals(status) && !"failed".equals(status)) {
			throw new PspException(PspError.INVALID_REQUEST, "status must be paid or failed");
		}
		SimulatedPayout payout = existing(acquirer, id);
		if (!payout.decide(status, (failureCode == null) ? "could_not_process" : failureCode)) {
			throw new PspException(PspError.INVALID_STATE, "payout " + id + " is already " + payout.status());
		}
		settled(acquirer, payout);
		return payout.view();
	}

	public Optional<PayoutView> byReference(Acquirer acquirer, String reference) {
		synchronized (this.payouts.get(acquirer)) {
			return this.payouts.get(acquirer)
				.values()
				.stream()
				.filter(p -> p.reference().equals(reference))
				.findFirst()
				.map(SimulatedPayout::view);
		}
	}

	public void clear() {
		this.payouts.values().forEach(Map::clear);
	}

	private void settled(Acquirer acquirer, SimulatedPayout payout) {
		if ("paid".equals(payout.status())) {
			this.settlement.recordPayout(acquirer, payout.id(), payout.reference(), payout.amount(), payout.currency(),
					this.clock.instant());
		}
		log.info("{} payout {} is {}", acquirer, payout.id(), payout.status());
	}

	private SimulatedPayout existing(Acquirer acquirer, String id) {
		SimulatedPayout payout = this.payouts.get(acquirer).get(id);
		if (payout == null) {
			throw new PspException(PspError.NOT_FOUND, "no payout " + id);
		}
		return payout;
	}

}
