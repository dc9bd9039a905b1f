package io.emberpay.payment.psp.adyen;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.adyen.Client;
import com.adyen.Config;
import com.adyen.enums.Environment;
import com.adyen.model.ApiError;
import com.adyen.model.RequestOptions;
import com.adyen.model.checkout.Amount;
import com.adyen.model.checkout.CardDetails;
import com.adyen.model.checkout.CheckoutPaymentMethod;
import com.adyen.model.checkout.CheckoutRedirectAction;
import com.adyen.model.checkout.PaymentCompletionDetails;
import com.adyen.model.checkout.PaymentDetailsRequest;
import com.adyen.model.checkout.PaymentDetailsResponse;
import com.adyen.model.checkout.PaymentCancelRequest;
import com.adyen.model.checkout.PaymentCaptureRequest;
import com.adyen.model.checkout.PaymentCaptureResponse;
import com.adyen.model.checkout.PaymentRefundRequest;
import com.adyen.model.checkout.PaymentRefundResponse;
import com.adyen.model.checkout.PaymentRequest;
import com.adyen.model.checkout.PaymentResponse;
import com.adyen.service.checkout.ModificationsApi;
import com.adyen.service.checkout.PaymentsApi;
import com.adyen.service.exception.ApiException;
import io.emberpay.payment.psp.PspAccount;
import io.emberpay.payment.psp.PspAnswerPendingException;
import io.emberpay.payment.psp.PspAuthorization;
import io.emberpay.payment.psp.PspConnector;
import io.emberpay.payment.psp.PspOutcomeUnknownException;
import io.emberpay.payment.psp.PspRefund;
import io.emberpay.payment.psp.PspRejectedException;
import io.emberpay.payment.psp.PspUnreachableException;

/**
 * Adyen's Checkout API through Adyen's Java library: an authorisation is one
 * {@code /payments} call (manual capture holds it with
 * {@code additionalData.manualCapture}), captures, cancels and refunds act on its
 * {@code pspReference}. Every call sends our idempotency key as Adyen's
 * {@code Idempotency-Key}, so the channel's retry gets Adyen's first answer.
 * <p>
 * Adyen cannot be asked about a payment by key. The payment request carries our key in
 * its {@code metadata}, which Adyen returns in the AUTHORISATION notification; the
 * janitor reads that notification. Until it arrives, a payment that was sent to Adyen
 * stays unknown: never settled as "nothing happened".
 * <p>
 * Modifications are asynchronous at Adyen: a {@code 201 received} is taken as done, and a
 * later notification with {@code success: false} is for an operator.
 */
public final class AdyenConnector implements PspConnector, AutoCloseable {

	public static final String NAME = "adyen";

	public static final String KEY_METADATA = "emberpay_authorization_key";

	private final AdyenProperties properties;

	private final int connectTimeoutMillis;

	private final int readTimeoutMillis;

	private final Notices notices;

	private final AdyenTransport transport;

	/** One library client per API key and endpoint: each holds its key and timeouts. */
	private final Map<String, Apis> clients = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("adyen-", 0).factory());

	public AdyenConnector(AdyenProperties properties, Duration connectTimeout, Duration readTimeout, Notices notices) {
		this.properties = properties;
		this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
		this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
		this.transport = new AdyenTransport(connectTimeout);
		this.notices = notices;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CompletableFuture<PspAuthorization> authorize(PspAccount account, Authorization request,
			String idempotencyKey) {
		if (request.debit() != null) {
			// bank debits need Adyen's mandate set-up, which this connector does not
			// make:
			// nothing is sent and the payment fails without a charge
			return CompletableFuture
				.failedFuture(new PspRejectedException(400, "the Adyen connector does not take bank debits"));
		}
		CheckoutPaymentMethod method;
		try {
			method = (request.wallet() != null) ? AdyenWallets.paymentMethod(request.wallet())
					: new CheckoutPaymentMethod(new CardDetails().type(CardDetails.TypeEnum.SCHEME)
						.number(request.card().number())
						.expiryMonth(String.format(Locale.ROOT, "%02d", request.card().expMonth()))
						.expiryYear(String.valueOf(request.card().expYear()))
						.cvc(request.card().cvc()));
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.failedFuture(new PspRejectedException(400, ex.getMessage()));
		}
		return call(account, (apis, credentials) -> {
			PaymentRequest payment = new PaymentRequest()
				.amount(new Amount().currency(request.currency()).value(request.amount()))
				.reference(request.reference())
				.paymentMethod(method)
				.merchantAccount(credentials.merchantAccount())
				.shopperInteraction(PaymentRequest.ShopperInteractionEnum.ECOMMERCE)
				.metadata(Map.of(KEY_METADATA, idempotencyKey));
			if (request.returnUrl() != null) {
				// 3-D Secure by redirect: Adyen answers RedirectShopper and sends the
				// shopper back here with a redirectResult
				payment.returnUrl(request.returnUrl());
			}
			if (!request.capture()) {
				payment.additionalData(Map.of("manualCapture", "true"));
			}
			PaymentResponse response = apis.payments().payments(payment, options(idempotencyKey));
			String resultCode = (response.getResultCode() == null) ? null : response.getResultCode().getValue();
			String redirectUrl = (request.returnUrl() == null) ? null : redirectUrl(response);
			return authorization(response.getPspReference(), resultCode, response.getRefusalReasonCode(),
					request.amount(), request.currency(), request.capture(), redirectUrl);
		});
	}

	/**
	 * After the shopper's return from 3-D Secure: with the {@code redirectResult} Adyen
	 * appended to the return URL, {@code /payments/details} answers the result at once;
	 * without it, the AUTHORISATION notification (if it came) does.
	 */
	@Override
	public CompletableFuture<Optional<PspAuthorization>> authenticationResult(PspAccount account, String idempotencyKey,
			String redirectResult) {
		if (redirectResult == null) {
			return findAuthorization(account, idempotencyKey);
		}
		boolean capture = this.notices.capturesAtOnce(idempotencyKey);
		return call(account, (apis, credentials) -> {
			PaymentDetailsResponse response = apis.payments()
				.paymentsDetails(
						new PaymentDetailsRequest()
							.details(new PaymentCompletionDetails().redirectResult(redirectResult)),
						options(idempotencyKey + ".details"));
			String resultCode = (response.getResultCode() == null) ? null : response.getResultCode().getValue();
			long amount = (response.getAmount() == null || response.getAmount().getValue() == null) ? 0
					: response.getAmount().getValue();
			String currency = (response.getAmount() == null) ? null : response.getAmount().getCurrency();
			if ("RedirectShopper".equals(resultCode) || "Pending".equals(resultCode) || "Received".equals(resultCode)) {
				return Optional.<PspAuthorization>empty();
			}
			PspAuthorization found = authorization(response.getPspReference(), resultCode,
					response.getRefusalReasonCode(), amount, currency, capture, null);
			if (found.status() == PspAuthorization.Status.DECLINED
					&& "authentication_required".equals(found.declineCode())) {
				// the shopper was challenged and did not pass
				found = new PspAuthorization(found.id(), found.status(), "authentication_failed", amount, currency);
			}
			return Optional.of(found);
		});
	}

	/** The issuer's page of a RedirectShopper answer, when Adyen gave one. */
	private static String redirectUrl(PaymentResponse response) {
		if (response.getAction() == null
				|| !(response.getAction().getActualInstance() instanceof CheckoutRedirectAction redirect)) {
			return null;
		}
		// a POST redirect carries form data the app would have to submit; only GET is
		// a plain link
		return (redirect.getMethod() == null || "GET".equalsIgnoreCase(redirect.getMethod())) ? redirect.getUrl()
				: null;
	}

	@Override
	public CompletableFuture<PspAuthorization> capture(PspAccount account, String authorizationId, long amount,
			String idempotencyKey) {
		return call(account, (apis, credentials) -> {
			// Adyen wants the currency of the authorisation with the amount.
			String currency = currencyOf(authorizationId);
			PaymentCaptureResponse response = apis.modifications()
				.captureAuthorisedPayment(authorizationId,
						new PaymentCaptureRequest().merchantAccount(credentials.merchantAccount())
							.amount(new Amount().currency(currency).value(amount))
							.reference(idempotencyKey),
						options(idempotencyKey));
			long captured = (response.getAmount() == null || response.getAmount().getValue() == null) ? amount
					: response.getAmount().getValue();
			return new PspAuthorization(authorizationId, PspAuthorization.Status.CAPTURED, null, captured, currency);
		});
	}

	@Override
	public CompletableFuture<PspAuthorization> voidAuthorization(PspAccount account, String authorizationId,
			String idempotencyKey) {
		return call(account, (apis, credentials) -> {
			apis.modifications()
				.cancelAuthorisedPaymentByPspReference(authorizationId,
						new PaymentCancelRequest().merchantAccount(credentials.merchantAccount())
							.reference(idempotencyKey),
						options(idempotencyKey));
			return new PspAuthorization(authorizationId, PspAuthorization.Status.VOIDED, null, 0, null);
		});
	}

	@Override
	public CompletableFuture<PspRefund> refund(PspAccount account, String authorizationId, long amount,
			String reference, String idempotencyKey) {
		return call(account, (apis, credentials) -> {
			String currency = currencyOf(authorizationId);
			PaymentRefundResponse response = apis.modifications()
				.refundCapturedPayment(authorizationId,
						new PaymentRefundRequest().merchantAccount(credentials.merchantAccount())
							.amount(new Amount().currency(currency).value(amount))
							.reference(reference),
						options(idempotencyKey));
			// "received": Adyen refunds asynchronously; a failed refund is notified
			// later.
			return new PspRefund(response.getPspReference(), "succeeded", amount);
		});
	}

	@Override
	public CompletableFuture<Optional<PspAuthorization>> findAuthorization(PspAccount account, String idempotencyKey) {
		if (this.properties.credentialsFor(account).isEmpty()) {
			return CompletableFuture.completedFuture(Optional.empty());
		}
		return CompletableFuture.supplyAsync(() -> {
			Optional<Notices.Authorisation> notice = this.notices.authorisation(idempotencyKey);
			if (notice.isPresent()) {
				Notices.Authorisation found = notice.get();
				return Optional.of(found.success()
						? new PspAuthorization(found.pspReference(),
								found.captured() ? PspAuthorization.Status.CAPTURED
										: PspAuthorization.Status.AUTHORIZED,
								null, found.amount(), found.currency())
						: new PspAuthorization(found.pspReference(), PspAuthorization.Status.DECLINED,
								AdyenDeclines.GENERIC, found.amount(), found.currency()));
			}
			if (this.notices.sentToAdyen(idempotencyKey)) {
				throw new PspAnswerPendingException("Adyen has not notified about " + idempotencyKey + " yet");
			}
			return Optional.empty();
		}, this.executor);
	}

	/**
	 * The currency of the payment Adyen knows by this reference; Adyen needs it with
	 * every amount.
	 */
	private String currencyOf(String pspReference) {
		return this.notices.currencyOf(pspReference)
			.orElseThrow(() -> new PspRejectedException(400, "No Adyen payment " + pspReference));
	}

	static PspAuthorization authorization(String pspReference, String resultCode, String refusalReasonCode, long amount,
			String currency, boolean capture, String redirectUrl) {
		String code = (resultCode == null) ? "" : resultCode;
		if ("RedirectShopper".equals(code) && redirectUrl != null) {
			return new PspAuthorization(pspReference, PspAuthorization.Status.REQUIRES_ACTION, null, amount, currency,
					redirectUrl);
		}
		return switch (code) {
			case "Authorised" -> new PspAuthorization(pspReference,
					capture ? PspAuthorization.Status.CAPTURED : PspAuthorization.Status.AUTHORIZED, null, amount,
					currency);
			case "Refused" -> new PspAuthorization(pspReference, PspAuthorization.Status.DECLINED,
					AdyenDeclines.failureCode(refusalReasonCode), amount, currency);
			case "Error" -> new PspAuthorization(pspReference, PspAuthorization.Status.DECLINED, "processing_error",
					amount, currency);
			case "Cancelled" -> new PspAuthorization(pspReference, PspAuthorization.Status.DECLINED,
					AdyenDeclines.GENERIC, amount, currency);
			// no return URL (off-session) or a native 3-D Secure 2 flow this connector
			// does not drive: a challenge declines instead of waiting
			case "RedirectShopper", "IdentifyShopper", "ChallengeShopper", "PresentToShopper" -> new PspAuthorization(
					pspReference, PspAuthorization.Status.DECLINED, "authentication_required", amount, currency);
			// Received, Pending: the outcome comes by notification.
			default -> throw new PspOutcomeUnknownException("Adyen answered " + code + " for " + pspReference, null);
		};
	}

	private <T> CompletableFuture<T> call(PspAccount account, AdyenCall<T> call) {
		AdyenProperties.Credentials credentials = this.properties.credentialsFor(account)
			.orElseThrow(() -> new PspRejectedException(403,
					"No Adyen account for " + account.merchantId() + " in " + account.mode() + " mode"));
		String base = this.properties.apiBase(account.livemode());
		if (base == null || base.isEmpty()) {
			throw new PspRejectedException(403, "No Adyen " + account.mode() + " endpoint configured");
		}
		Apis apis = this.clients.computeIfAbsent(credentials.apiKey() + " " + base,
				k -> apis(credentials.apiKey(), base, account.livemode()));
		// The library blocks; the time limiter bounds the wait, the read timeout the
		// thread.
		return CompletableFuture.supplyAsync(() -> {
			try {
				return call.on(apis, credentials);
			}
			catch (ApiException ex) {
				throw classify(ex);
			}
			catch (IOException ex) {
				throw refusedBeforeSending(ex) ? new PspUnreachableException(NAME + " could not be reached", ex)
						: new PspOutcomeUnknownException(NAME + " connection failed mid-request", ex);
			}
		}, this.executor);
	}

	private Apis apis(String apiKey, String base, boolean livemode) {
		Config config = new Config();
		config.setApiKey(apiKey);
		config.setEnvironment(livemode ? Environment.LIVE : Environment.TEST);
		config.setConnectionTimeoutMillis(this.connectTimeoutMillis);
		config.setReadTimeoutMillis(this.readTimeoutMillis);
		Client client = new Client(config);
		client.setHttpClient(this.transport);
		return new Apis(new PaymentsApi(client, base), new ModificationsApi(client, base));
	}

	private static RequestOptions options(String idempotencyKey) {
		return new RequestOptions().idempotencyKey(idempotencyKey);
	}

	/**
	 * Adyen's errors by what they say about the money: a bad key, a rate limit or a 503
	 * mean Adyen did nothing; a 704 (the key's first request still running) and any other
	 * 5xx may come after Adyen acted; other 4xx are our own mistakes.
	 */
	private static RuntimeException classify(ApiException ex) {
		ApiError error = ex.getError();
		String errorCode = (error == null) ? null : error.getErrorCode();
		int status = ex.getStatusCode();
		String what = NAME + " answered " + status + " " + errorCode + " ("
				+ ((error == null) ? null : error.getErrorType()) + ")";
		if (status == 401 || status == 403 || status == 429 || status == 503) {
			return new PspUnreachableException(what, null);
		}
		if ("704".equals(errorCode) || status >= 500 || status <= 0) {
			return new PspOutcomeUnknownException(what, null);
		}
		return new PspRejectedException(status, what);
	}

	private static boolean refusedBeforeSending(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.executor.shutdown();
	}

	@FunctionalInterface
	private interface AdyenCall<T> {

		T on(Apis apis, AdyenProperties.Credentials credentials) throws ApiException, IOException;

	}

	private record Apis(PaymentsApi payments, ModificationsApi modifications) {
	}

	/**
	 * What the platform itself knows about Adyen payments: the AUTHORISATION
	 * notifications it stored, and the payments it sent there.
	 */
	public interface Notices {

		/** The AUTHORISATION notification of the payment made with this key, if any. */
		Optional<Authorisation> authorisation(String idempotencyKey);

		/** Whether an authorization with this key may have been sent to Adyen. */
		boolean sentToAdyen(String idempotencyKey);

		/** Whether the payment made with this key captures when authorized. */
		boolean capturesAtOnce(String idempotencyKey);

		/** The currency of our payment that Adyen knows by {@code pspReference}. */
		Optional<String> currencyOf(String pspReference);

		record Authorisation(String pspReference, boolean success, boolean captured, long amount, String currency) {
		}

	}

}
