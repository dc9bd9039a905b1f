package io.emberpay.payment.psp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.emberpay.payment.vault.BankAccountSecret;
import io.emberpay.payment.vault.DebitSecret;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to an acquirer with the simulator's HTTP API ({@code /{psp}/v1/...}, see
 * contracts.md). The simulator has one account for everyone, so the {@link PspAccount} is
 * not sent. Classifies every failure by what it says about the money: not reached,
 * refused, or unknown.
 */
abstract class SimulatorConnector implements PspConnector {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final String base;

	private final Duration requestTimeout;

	SimulatorConnector(HttpClient http, String baseUrl, Duration requestTimeout) {
		this.http = http;
		this.base = baseUrl + "/" + name() + "/v1";
		this.requestTimeout = requestTimeout;
	}

	@Override
	public CompletableFuture<PspAuthorization> authorize(PspAccount account, Authorization request,
			String idempotencyKey) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", request.amount());
		body.put("currency", request.currency());
		if (request.card() != null) {
			Map<String, Object> card = new LinkedHashMap<>();
			card.put("number", request.card().number());
			card.put("exp_month", request.card().expMonth());
			card.put("exp_year", request.card().expYear());
			card.put("cvc", request.card().cvc());
			body.put("card", card);
		}
		if (request.wallet() != null) {
			body.put("wallet", Map.of("type", request.wallet().type(), "token", request.wallet().token()));
		}
		if (request.debit() != null) {
			body.put("bank_account", debit(request.debit()));
		}
		body.put("reference", request.reference());
		body.put("capture", request.capture());
		if (request.returnUrl() != null) {
			body.put("return_url", request.returnUrl());
		}
		return post("/authorizations", body, idempotencyKey).thenApply(SimulatorConnector::authorization);
	}

	private static Map<String, Object> debit(DebitSecret debit) {
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("type", debit.type());
		account.put("country", debit.country());
		if (debit.routingNumber() != null) {
			account.put("routing_number", debit.routingNumber());
			account.put("account_number", debit.accountNumber());
			account.put("account_holder_type", debit.accountHolderType());
		}
		else {
			account.put("iban", debit.accountNumber());
			account.put("account_holder_name", debit.accountHolderName());
		}
		account.put("mandate",
				Map.of("reference", debit.mandateReference(), "accepted_at", debit.mandateAcceptedAt().toString()));
		return account;
	}

	@Override
	public CompletableFuture<PspAuthorization> capture(PspAccount account, String authorizationId, long amount,
			String idempotencyKey) {
		return post("/authorizations/" + authorizationId + "/capture", Map.of("amount", amount), idempotencyKey)
			.thenApply(SimulatorConnector::authorization);
	}

	@Override
	public CompletableFuture<PspAuthorization> voidAuthorization(PspAccount account, String authorizationId,
			String idempotencyKey) {
		return post("/authorizations/" + authorizationId + "/void", Map.of(), idempotencyKey)
			.thenApply(SimulatorConnector::authorization);
	}

	@Override
	public CompletableFuture<PspRefund> refund(PspAccount account, String authorizationId, long amount,
			String reference, String idempotencyKey) {
		return post("/authorizations/" + authorizationId + "/refunds", Map.of("amount", amount, "reference", reference),
				idempotencyKey)
			.thenApply(json -> new PspRefund(json.path("id").asString(), json.path("status").asString(),
					json.path("amount").asLong()));
	}

	@Override
	public CompletableFuture<Optional<PspAuthorization>> findAuthorization(PspAccount account, String idempotencyKey) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.base + "/authorizations?idempotency_key="
					+ URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8)))
			.timeout(this.requestTimeout)
			.GET()
			.build();
		return send(request, true).thenApply(json -> Optional.ofNullable(json).map(SimulatorConnector::authorization));
	}

	@Override
	public boolean paysOut() {
		return true;
	}

	@Override
	public CompletableFuture<PspPayout> payout(PspAccount account, Payout request, String idempotencyKey) {
		BankAccountSecret bank = request.bankAccount();
		Map<String, Object> destination = new LinkedHashMap<>();
		destination.put("type", bank.kind());
		destination.put("country", bank.country());
		if (bank.routingNumber() != null) {
			destination.put("routing_number", bank.routingNumber());
			destination.put("account_number", bank.accountNumber());
		}
		else {
			destination.put("iban", bank.accountNumber());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", request.amount());
		body.put("currency", request.currency());
		body.put("destination", destination);
		body.put("reference", request.reference());
		return post("/payouts", body, idempotencyKey).thenApply(SimulatorConnector::payout);
	}

	@Override
	public CompletableFuture<PspPayout> findPayout(PspAccount account, String payoutId) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.base + "/payouts/" + URLEncoder.encode(payoutId, StandardCharsets.UTF_8)))
			.timeout(this.requestTimeout)
			.GET()
			.build();
		return send(request, false).thenApply(SimulatorConnector::payout);
	}

	private static PspPayout payout(JsonNode json) {
		JsonNode failure = json.get("failure_code");
		return new PspPayout(json.path("id").asString(), PspPayout.Status.of(json.path("status").asString(null)),
				(failure == null || failure.isNull()) ? null : failure.asString());
	}

	private CompletableFuture<JsonNode> post(String path, Map<String, Object> body, String idempotencyKey) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(this.requestTimeout)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		return send(request, false);
	}

	private CompletableFuture<JsonNode> send(HttpRequest request, boolean notFoundIsEmpty) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
			if (failure != null) {
				throw classify(unwrap(failure));
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return JSON.readTree(response.body());
			}
			if (status == 404 && notFoundIsEmpty) {
				return null;
			}
			// The simulator answers 503 only when it refused the call up front; any other
			// 5xx may come after it acted.
			if (status == 503) {
				throw new PspUnreachableException(name() + " answered 503", null);
			}
			if (status >= 500 || status == 429 || (status == 409 && inProgress(response.body()))) {
				throw new PspOutcomeUnknownException(name() + " answered " + status, null);
			}
			throw new PspRejectedException(status, name() + " refused the request with " + status);
		});
	}

	/** The acquirer is still working on an earlier attempt with the same key. */
	private static boolean inProgress(String body) {
		try {
			return "idempotency_request_in_progress".equals(JSON.readTree(body).path("code").asString(""));
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private RuntimeException classify(Throwable failure) {
		if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
			return new PspUnreachableException(name() + " could not be reached", failure);
		}
		if (failure instanceof IOException) {
			return new PspOutcomeUnknownException(name() + " connection failed mid-request", failure);
		}
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		return new PspOutcomeUnknownException(name() + " call failed", failure);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while (current instanceof CompletionException && current.getCause() != null) {
			current = current.getCause();
		}
		if (current instanceof IOException && current.getCause() instanceof ConnectException connect) {
			return connect;
		}
		return current;
	}

	static PspAuthorization authorization(JsonNode json) {
		String status = json.path("status").asString("other").toUpperCase(Locale.ROOT);
		PspAuthorization.Status parsed;
		try {
			parsed = PspAuthorization.Status.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			parsed = PspAuthorization.Status.OTHER;
		}
		JsonNode decline = json.get("decline_code");
		JsonNode returned = json.get("return_code");
		if (returned != null && returned.isString()) {
			// a bank debit the bank returned: its reason in our vocabulary
			decline = tools.jackson.databind.node.StringNode.valueOf(BankReturnCodes.failureCode(returned.asString()));
		}
		JsonNode redirect = json.path("next_action").path("redirect_url");
		return new PspAuthorization(json.path("id").asString(), parsed,
				(decline == null || decline.isNull()) ? null : decline.asString(), json.path("amount").asLong(),
				json.path("currency").asString(null), redirect.isString() ? redirect.asString() : null);
	}

}
