package io.emberpay.psp.admin;

import java.util.Map;

import io.emberpay.psp.authorization.AuthorizationBook;
import io.emberpay.psp.dispute.DisputeDesk;
import io.emberpay.psp.idempotency.IdempotencyRegistry;
import io.emberpay.psp.payout.PayoutDesk;
import io.emberpay.psp.settlement.SettlementBook;
import io.emberpay.psp.stats.AcquirerCounters;
import io.emberpay.psp.stats.ChargeStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test hooks: the ledger of what each acquirer actually did, and a reset between test
 * runs. Faults have their own admin resource.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

	private static final Logger log = LoggerFactory.getLogger(AdminController.class);

	private final ChargeStats stats;

	private final AuthorizationBook authorizations;

	private final IdempotencyRegistry idempotency;

	private final SettlementBook settlement;

	private final PayoutDesk payouts;

	private final DisputeDesk disputes;

	AdminController(ChargeStats stats, AuthorizationBook authorizations, IdempotencyRegistry idempotency,
			SettlementBook settlement, PayoutDesk payouts, DisputeDesk disputes) {
		this.disputes = disputes;
		this.stats = stats;
		this.authorizations = authorizations;
		this.idempotency = idempotency;
		this.settlement = settlement;
		this.payouts = payouts;
	}

	@GetMapping("/stats")
	Map<String, AcquirerCounters.AcquirerStats> stats() {
		return this.stats.snapshot();
	}

	/**
	 * Forgets every authorization, payout, dispute, key, settlement line and count of
	 * both acquirers.
	 */
	@DeleteMapping("/state")
	ResponseEntity<Void> reset() {
		this.idempotency.clear();
		this.authorizations.clear();
		this.settlement.clear();
		this.payouts.clear();
		this.disputes.clear();
		this.stats.reset();
		log.info("State of every acquirer reset");
		return ResponseEntity.noContent().build();
	}

}
