package io.emberpay.psp.dispute;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.authorization.AuthorizationProcessor;
import io.emberpay.psp.authorization.AuthorizationView;
import io.emberpay.psp.authorization.DisputedCardCaptured;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.error.PspException;
import io.emberpay.psp.settlement.SettlementBook;
import io.emberpay.psp.webhook.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Cardholders' disputes at both acquirers: opened on a captured authorization (by the
 * dispute test card on its own, or by the admin call on any), decided won or lost by the
 * admin call. An opened dispute is a line of the day's settlement report. Each step is
 * told to the platform by a signed {@code dispute.created} or {@code dispute.closed}
 * webhook. Kept in memory, bounded per acquirer.
 */
@Service
public class DisputeDesk {

	private static final Logger log = LoggerFactory.getLogger(DisputeDesk.class);

	private final AuthorizationProcessor authorizations;

	private final WebhookSender webhooks;

	private final DisputeProperties properties;

	private final SettlementBook settlement;

	private final Clock clock;

	private final Map<Acquirer, Shelf> shelves = new EnumMap<>(Acquirer.class);

	public DisputeDesk(AuthorizationProcessor authorizations, WebhookSender webhooks, DisputeProperties properties,
			SettlementBook settlement, Clock clock) {
		this.settlement = settlement;
		this.authorizations = authorizations;
		this.webhooks = webhooks;
		this.properties = properties;
		this.clock = clock;
		for (Acquirer acquirer : Acquirer.values()) {
			this.shelves.put(acquirer, new Shelf());
		}
	}

	/**
	 * The dispute test card's payment was captured: its cardholder disputes all of it
	 * after the configured delay, so the platform has recorded the capture first.
	 */
	@EventListener
	void disputedCardCaptured(DisputedCardCaptured captured) {
		Executor later = CompletableFuture.delayedExecutor(this.properties.openDelay().toMillis(),
				TimeUnit.MILLISECONDS,
				(task) -> Thread.ofVirtual().name("dispute-" + captured.authorizationId()).start(task));
		later.execute(() -> {
			try {
				open(captured.acquirer(), captured.authorizationId(), null, "fraudulent");
			}
			catch (PspException ex) {
				// refunded or forgotten meanwhile: the cardholder has nothing left to
				// dispute
				log.info("No dispute of {} at {}: {}", captured.authorizationId(), captured.acquirer(),
						ex.getMessage());
			}
		});
	}

	/**
	 * Opens a dispute of {@code amount} (all that is captured and not refunded when null)
	 * of a captured authorization.
	 */
	public DisputeView open(Acquirer acquirer, String authorizationId, Long amount, String reason) {
		AuthorizationView authorization = this.authorizations.findById(acquirer, authorizationId);
		if (!"captured".equals(authorization.status())) {
			throw new PspException(PspError.INVALID_STATE,
					"cannot dispute an authorization that is " + authorization.status());
		}
		long disputable = authorization.amountCaptured() - authorization.amountRefunded();
		long disputed = (amount != null) ? amount : disputable;
		if (disputed <= 0 || disputed > disputable) {
			throw new PspException(PspError.INVALID_REQUEST,
					"the dispute amount must be positive and at most " + disputable);
		}
		String disputeReason = (reason == null) ? "general" : reason;
		if (!disputeReason.matches("[a-z_]{1,40}")) {
			throw new PspException(PspError.INVALID_REQUEST, "reason must be a lower-case code such as fraudulent");
		}
		Instant now = now();
		SimulatedDispute dispute = new SimulatedDispute("du_" + UUID.randomUUID().toString().replace("-", ""), acquirer,
				authorizationId, authorization.reference(), disputed, authorization.currency(), disputeReason,
				now.plus(this.properties.evidenceWindow()), now);
		this.shelves.get(acquirer).add(dispute, this.properties.maxDisputes());
		DisputeView view = dispute.view();
		this.settlement.recordDispute(acquirer, view.id(), view.reference(), disputed, view.currency(), now);
		log.info("Dispute {} of {} {} opened on {} at {} ({}): {}", view.id(), disputed, view.currency(),
				authorizationId, acquirer, view.reference(), disputeReason);
		this.webhooks.send(acquirer, "dispute.created", view);
		return view;
	}

	/** The acquirer's decision on the merchant's evidence. */
	public DisputeView close(Acquirer acquirer, String id, String outcome) {
		if (!"won".equals(outcome) && !"lost".equals(outcome)) {
			throw new PspException(PspError.INVALID_REQUEST, "status must be won or lost");
		}
		SimulatedDispute dispute = existing(acquirer, id);
		dispute.close("won".equals(outcome), now());
		DisputeView view = dispute.view();
		log.info("Dispute {} at {} ({}) {}", id, acquirer, view.reference(), outcome);
		this.webhooks.send(acquirer, "dispute.closed", view);
		return view;
	}

	public DisputeView find(Acquirer acquirer, String id) {
		return existing(acquirer, id).view();
	}

	public void clear() {
		this.shelves.values().forEach(Shelf::clear);
	}

	private SimulatedDispute existing(Acquirer acquirer, String id) {
		SimulatedDispute dispute = this.shelves.get(acquirer).byId.get(id);
		if (dispute == null) {
			throw new PspException(PspError.NOT_FOUND, "no such dispute");
		}
		return dispute;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static final class Shelf {

		private final Map<String, SimulatedDispute> byId = new ConcurrentHashMap<>();

		private final Queue<String> arrivalOrder = new ConcurrentLinkedQueue<>();

		void add(SimulatedDispute dispute, int capacity) {
			this.byId.put(dispute.id(), dispute);
			this.arrivalOrder.add(dispute.id());
			while (this.byId.size() > capacity) {
				String oldest = this.arrivalOrder.poll();
				if (oldest == null) {
					break;
				}
				this.byId.remove(oldest);
			}
		}

		void clear() {
			this.byId.clear();
			this.arrivalOrder.clear();
		}

	}

}
