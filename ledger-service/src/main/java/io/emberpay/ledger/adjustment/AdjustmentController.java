package io.emberpay.ledger.adjustment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.starter.security.InternalCallers;
import io.emberpay.ledger.LedgerError;
import io.emberpay.ledger.account.Account;
import io.emberpay.ledger.account.AccountView;
import io.emberpay.ledger.account.LedgerAccounts;
import io.emberpay.ledger.account.NormalSide;
import io.emberpay.ledger.posting.Direction;
import io.emberpay.ledger.posting.LedgerTransactions;
import io.emberpay.ledger.posting.Leg;
import io.emberpay.ledger.posting.Posting;
import io.emberpay.ledger.posting.PostingBatcher;
import io.emberpay.ledger.posting.PostingOutcome;
import io.emberpay.ledger.posting.PostingRules;
import io.emberpay.ledger.posting.TransactionView;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.request.RequestId;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' manual adjustments. Each is balanced (checked here, in the writer and in the
 * database), audited (the operator is the transaction's actor, the request id its
 * correlation id) and idempotent by {@code Idempotency-Key}: a retry returns the first
 * result, a different request under the same key is a 422.
 */
@RestController
class AdjustmentController {

	private static final int MAX_KEY_LENGTH = 255;

	private final LedgerAccounts accounts;

	private final PostingBatcher batcher;

	private final LedgerTransactions transactions;

	AdjustmentController(LedgerAccounts accounts, PostingBatcher batcher, LedgerTransactions transactions) {
		this.accounts = accounts;
		this.batcher = batcher;
		this.transactions = transactions;
	}

	@InternalCallers(operators = true)
	@PostMapping("/internal/v1/transactions")
	ResponseEntity<TransactionView> adjust(Caller caller,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@Valid @RequestBody AdjustmentRequest request) {
		OperatorAccess.require(caller);
		if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
			throw new ApiException(CommonError.IDEMPOTENCY_KEY_MISSING,
					"An Idempotency-Key header of 1 to 255 characters is required", "Idempotency-Key");
		}
		byte[] requestHash = fingerprint(request);
		Posting posting = new Posting("adjustment:" + caller.id() + ":" + idempotencyKey, "adjustment",
				RequestId.current(), null, null, null, caller.id(), request.description(), requestHash, legs(request));
		PostingRules.check(posting);
		PostingOutcome outcome = this.batcher.post(posting);
		return switch (outcome) {
			case PostingOutcome.Posted posted ->
				ResponseEntity.status(HttpStatus.CREATED).body(view(posted.transaction().id()));
			case PostingOutcome.Duplicate duplicate -> {
				if (!MessageDigest.isEqual(duplicate.requestHash(), requestHash)) {
					throw new ApiException(CommonError.IDEMPOTENCY_KEY_REUSED,
							"This Idempotency-Key was used with a different request", "Idempotency-Key");
				}
				yield ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view(duplicate.transactionId()));
			}
			case PostingOutcome.Rejected rejected ->
				throw new ApiException(rejected.error(), rejected.detail(), rejected.param());
		};
	}

	@InternalCallers(operators = true)
	@PostMapping("/internal/v1/accounts")
	ResponseEntity<AccountView> open(Caller caller, @Valid @RequestBody AccountRequest request) {
		OperatorAccess.require(caller);
		String currency = Money.currency(request.currency()).getCurrencyCode();
		Account account = this.accounts
			.create(request.code(), currency, request.owner(), NormalSide.ofColumn(request.normalSide()),
					request.noOverdraft(), Boolean.TRUE.equals(request.livemode()))
			.orElseThrow(() -> new ApiException(LedgerError.ACCOUNT_EXISTS,
					"Account " + request.code() + " in " + currency + " exists", "code"));
		return ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(account));
	}

	private TransactionView view(String transactionId) {
		return this.transactions.find(transactionId)
			.orElseThrow(() -> new IllegalStateException("committed transaction " + transactionId + " not found"));
	}

	private List<Leg> legs(AdjustmentRequest request) {
		List<Leg> legs = new ArrayList<>(request.entries().size());
		for (int i = 0; i < request.entries().size(); i++) {
			AdjustmentRequest.EntryRequest entry = request.entries().get(i);
			String param = "entries[" + i + "]";
			if (entry.amount() == null || entry.amount() <= 0) {
				throw new ApiException(CommonError.INVALID_AMOUNT, "amount must be a positive integer in minor units",
						param + ".amount");
			}
			String currency;
			try {
				currency = Money.currency(entry.currency()).getCurrencyCode();
			}
			catch (ApiException ex) {
				throw new ApiException(ex.error(), ex.getMessage(), param + ".currency");
			}
			Direction direction = switch (entry.direction()) {
				case "debit" -> Direction.DEBIT;
				case "credit" -> Direction.CREDIT;
				default -> throw ApiException.invalid(param + ".direction", "direction must be debit or credit");
			};
			Account account = this.accounts.find(entry.account())
				.orElseThrow(() -> new ApiException(LedgerError.UNKNOWN_ACCOUNT,
						"No such ledger account: '" + entry.account() + "'", param + ".account"));
			if (!account.currency().equals(currency)) {
				throw new ApiException(LedgerError.CURRENCY_MISMATCH,
						"Account " + account.id() + " holds " + account.currency() + ", not " + currency,
						param + ".currency");
			}
			legs.add(Leg.posted(account, direction, entry.amount()));
		}
		return legs;
	}

	/** What makes two requests under one key the same request. */
	private static byte[] fingerprint(AdjustmentRequest request) {
		StringBuilder canonical = new StringBuilder();
		canonical.append(request.description() == null ? "\u0000" : request.description()).append('\u0001');
		for (AdjustmentRequest.EntryRequest entry : request.entries()) {
			canonical.append(entry.account())
				.append('\u0002')
				.append(entry.direction())
				.append('\u0002')
				.append(entry.amount())
				.append('\u0002')
				.append(entry.currency())
				.append('\u0001');
		}
		try {
			return MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
