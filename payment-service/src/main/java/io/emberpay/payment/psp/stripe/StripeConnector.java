package io.emberpay.payment.psp.stripe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import io.emberpay.payment.psp.PspAccount;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspConnector;
import io.emberpay.payment.psp.PspOutcomeUnknownException;
import io.emberpay.payment.psp.PspRefund;
import io.emberpay.payment.psp.PspRejectedException;
import io.emberpay.payment.psp.PspUnreachableException;

/**
 * Stripe through its official SDK: an authorization is a PaymentIntent created and
 * confirmed in one call (manual or automatic capture), capture and cancel act on it, and
 * refunds are Refunds of it. Every mutating call sends our idempotency key as Stripe's
 * {@code Idempotency-Key}, so a retry gets Stripe's first answer. The SDK's own retries
 * are off: the channel's retry owns that, with the same key.
 * <p>
 * The PaymentIntent carries our key in its metadata, which is how the janitor finds an
 * authorization whose answer was lost: Stripe cannot be asked by idempotency key. Card
 * numbers go to Stripe as raw card data, which the account must be approved for.
 */
public final class StripeConnector implements PspConnector, AutoCloseable {

	public static final String NAME = "stripe";

	static final String KEY_METADATA = "emberpay_authorization_key";

	static final String PAYMENT_METADATA = "emberpay_payment";

	static final String REFUND_METADATA = "emberpay_refund";

	private final StripeProperties properties;

	/** The SDK blocks a thread per call; virtual threads make that cheap. */
	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("stripe-", 0).factory());

	private final int connectTimeoutMillis;

	private final int readTimeoutMillis;

	/** One client per secret key: each holds its own key and connection settings. */
	private final Map<String, StripeClient> clients = new ConcurrentHashMap<>();

	public StripeConnector(StripeProperties properties, Duration connectTimeout, Duration readTimeout) {
		this.properties = properties;
		this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
		this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CompletableFuture<PspAuthorization> authorize(PspAccount account, Authorization request,
			String idempotencyKey) {
		if (request.debit() != null) {
			// bank debits need Stripe's mandate objects, which this connector does not
			// create: nothing is sent and the payment fails without a charge
			return CompletableFuture
				.failedFuture(new PspRejectedException(400, "the Stripe connector does not take bank debits"));
		}
		Map<String, Object> card = new LinkedHashMap<>();
		if (request.wallet() != null) {
			Optional<String> token = StripeWalletTokens.stripeToken(request.wallet());
			if (token.isEmpty()) {
				return CompletableFuture.failedFuture(new PspRejectedException(400,
						"the Stripe connector takes a wallet's token only when the wallet tokenized it for Stripe"));
			}
			// Stripe's documented card[token] form for a wallet's token
			card.put("token", token.get());
		}
		else {
			card.put("number", request.card().number());
			card.put("exp_month", request.card().expMonth());
			card.put("exp_year", request.card().expYear());
			if (request.card().cvc() != null) {
				card.put("cvc", request.card().cvc());
			}
		}
		PaymentIntentCreateParams.Builder builder = PaymentIntentCreateParams.builder()
			.setAmount(request.amount())
			.setCurrency(request.currency().toLowerCase(Locale.ROOT))
			.setCaptureMethod(request.capture() ? PaymentIntentCreateParams.CaptureMethod.AUTOMATIC
					: PaymentIntentCreateParams.CaptureMethod.MANUAL)
			.setConfirm(true)
			.addPaymentMethodType("card")
			// Raw card data has no typed parameters in the SDK.
			.setPaymentMethodData(PaymentIntentCreateParams.PaymentMethodData.builder()
				.putExtraParam("type", "card")
				.putExtraParam("card", card)
				.build())
			.putMetadata(PAYMENT_METADATA, request.reference())
			.putMetadata(KEY_METADATA, idempotencyKey);
		if (request.returnUrl() != null) {
			// 3-D Secure: Stripe answers requires_action with a redirect_to_url, and
			// sends the customer back here after the challenge
			builder.setReturnUrl(request.returnUrl());
		}
		else {
			// nowhere to send a customer back (off-session): a challenge declines
			builder.setErrorOnRequiresAction(true);
		}
		PaymentIntentCreateParams params = builder.build();
		return call(account, client -> {
			try {
				return authorization(client.v1().paymentIntents().create(params, options(idempotencyKey)));
			}
			catch (CardException ex) {
				return declined(ex, request);
			}
		});
	}

	@Override
	public CompletableFuture<PspAuthorization> capture(PspAccount account, String authorizationId, long amount,
			String idempotencyKey) {
		PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder().setAmountToCapture(amount).build();
		return call(account, client -> authorization(
				client.v1().paymentIntents().capture(authorizationId, params, options(idempotencyKey))));
	}

	@Override
	public CompletableFuture<PspAuthorization> voidAuthorization(PspAccount account, String authorizationId,
			String idempotencyKey) {
		PaymentIntentCancelParams params = PaymentIntentCancelParams.builder()
			.setCancellationReason(PaymentIntentCancelParams.CancellationReason.REQUESTED_BY_CUSTOMER)
			.build();
		return call(account, client -> authorization(
				client.v1().paymentIntents().cancel(authorizationId, params, options(idempotencyKey))));
	}

	@Override
	public CompletableFuture<PspRefund> refund(PspAccount account, String authorizationId, long amount,
			String reference, String idempotencyKey) {
		RefundCreateParams params = RefundCreateParams.builder()
			.setPaymentIntent(authorizationId)
			.setAmount(amount)
			.putMetadata(REFUND_METADATA, reference)
			.build();
		return call(account, client -> {
			Refund refund = client.v1().refunds().create(params, options(idempotencyKey));
			return new PspRefund(refund.getId(), refund.getStatus(), refund.getAmount());
		});
	}

	@Override
	public CompletableFuture<Optional<PspAuthorization>> findAuthorization(PspAccount account, String idempotencyKey) {
		if (this.properties.keysFor(account).isEmpty()) {
			return CompletableFuture.completedFuture(Optional.empty());
		}
		PaymentIntentSearchParams params = PaymentIntentSearchParams.builder()
			.setQuery("metadata['" + KEY_METADATA + "']:'" + idempotencyKey.replace("'", "\\'") + "'")
			.setLimit(1L)
			.build();
		return call(account,
				client -> client.v1()
					.paymentIntents()
					.search(params)
					.getData()
					.stream()
					.findFirst()
					.map(StripeConnector::authorization));
	}

	private <T> CompletableFuture<T> call(PspAccount account, StripeCall<T> call) {
		StripeProperties.Keys keys = this.properties.keysFor(account)
			.orElseThrow(() -> new PspRejectedException(403,
					"No Stripe account for " + account.merchantId() + " in " + account.mode() + " mode"));
		StripeClient client = this.clients.computeIfAbsent(keys.secretKey(), this::client);
		// The SDK blocks; the time limiter bounds the wait, the read timeout the thread.
		return CompletableFuture.supplyAsync(() -> {
			try {
				return call.on(client);
			}
			catch (StripeException ex) {
				throw classify(ex);
			}
		}, this.executor);
	}

	private StripeClient client(String secretKey) {
		return StripeClient.builder()
			.setApiKey(secretKey)
			.setApiBase(this.properties.apiBase())
			.setMaxNetworkRetries(0)
			.setConnectTimeout(this.connectTimeoutMillis)
			.setReadTimeout(this.readTimeoutMillis)
			.build();
	}

	@Override
	public void close() {
		this.executor.shutdown();
	}

	private static RequestOptions options(String idempotencyKey) {
		return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
	}

	/**
	 * Stripe's errors by what they say about the money. Rate limits, bad keys and refused
	 * connections mean Stripe did nothing; a 409 means an earlier attempt with the key is
	 * still running; a 5xx or a broken connection may come after Stripe acted.
	 */
	private RuntimeException classify(StripeException ex) {
		String what = NAME + " answered " + ex.getStatusCode() + " " + ex.getCode();
		return switch (ex) {
			case ApiConnectionException connection when refusedBeforeSending(connection) ->
				new PspUnreachableException(NAME + " could not be reached", connection);
			case ApiConnectionException connection ->
				new PspOutcomeUnknownException(NAME + " connection failed mid-request", connection);
			case RateLimitException limited -> new PspUnreachableException(what, limited);
			// PermissionException (a restricted key) is one of these too.
			case AuthenticationException refused -> new PspUnreachableException(what, refused);
			case IdempotencyException reused -> new PspRejectedException(400, what);
			case InvalidRequestException invalid when status(invalid) == 409 ->
				new PspOutcomeUnknownException(what, invalid);
			case InvalidRequestException invalid -> new PspRejectedException(status(invalid), what);
			case CardException card -> new PspRejectedException(402, what);
			default -> new PspOutcomeUnknownException(what, ex);
		};
	}

	private static int status(StripeException ex) {
		return (ex.getStatusCode() == null) ? 400 : ex.getStatusCode();
	}

	private static boolean refusedBeforeSending(ApiConnectionException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A declined confirmation: Stripe answers 402 with the PaymentIntent, now back in
	 * {@code requires_payment_method}, inside the error.
	 */
	private static PspAuthorization declined(CardException ex, Authorization request) {
		StripeError error = ex.getStripeError();
		PaymentIntent intent = (error != null) ? error.getPaymentIntent() : null;
		String code = StripeDeclines.failureCode(ex.getCode(), ex.getDeclineCode());
		if (intent == null) {
			return new PspAuthorization(null, PspAuthorization.Status.DECLINED, code, request.amount(),
					request.currency());
		}
		long amount = (intent.getAmount() == null) ? request.amount() : intent.getAmount();
		return new PspAuthorization(intent.getId(), PspAuthorization.Status.DECLINED, code, amount, currency(intent));
	}

	static PspAuthorization authorization(PaymentIntent intent) {
		String stripeStatus = (intent.getStatus() == null) ? "" : intent.getStatus();
		PspAuthorization.Status status = switch (stripeStatus) {
			case "requires_capture" -> PspAuthorization.Status.AUTHORIZED;
			case "succeeded" -> PspAuthorization.Status.CAPTURED;
			case "canceled" -> PspAuthorization.Status.VOIDED;
			case "requires_action" -> PspAuthorization.Status.REQUIRES_ACTION;
			case "requires_payment_method" -> (intent.getLastPaymentError() != null) ? PspAuthorization.Status.DECLINED
					: PspAuthorization.Status.OTHER;
			default -> PspAuthorization.Status.OTHER;
		};
		String declineCode = null;
		if (status == PspAuthorization.Status.DECLINED) {
			StripeError error = intent.getLastPaymentError();
			declineCode = StripeDeclines.failureCode(error.getCode(), error.getDeclineCode());
		}
		long amount = (intent.getAmount() == null) ? 0 : intent.getAmount();
		return new PspAuthorization(intent.getId(), status, declineCode, amount, currency(intent),
				(status == PspAuthorization.Status.REQUIRES_ACTION) ? redirectUrl(intent) : null);
	}

	/** The issuer's page a PaymentIntent waiting on 3-D Secure sends the customer to. */
	private static String redirectUrl(PaymentIntent intent) {
		PaymentIntent.NextAction next = intent.getNextAction();
		if (next == null || !"redirect_to_url".equals(next.getType()) || next.getRedirectToUrl() == null) {
			return null;
		}
		return next.getRedirectToUrl().getUrl();
	}

	private static String currency(PaymentIntent intent) {
		return (intent.getCurrency() == null) ? null : intent.getCurrency().toUpperCase(Locale.ROOT);
	}

	@FunctionalInterface
	private interface StripeCall<T> {

		T on(StripeClient client) throws StripeException;

	}

}
