package io.emberpay.payment.vault;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.emberpay.events.ResourceIds;
import io.emberpay.payment.PaymentError;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.stereotype.Service;

/**
 * Stores cards for users: validates them at the edge, keeps the number only as envelope
 * ciphertext and the CVC only in memory until the first authorization.
 */
@Service
public class CardVault {

	private static final int MAX_YEARS_AHEAD = 20;

	private final PaymentMethodRepository methods;

	private final EnvelopeCipher cipher;

	private final CvcHold cvcHold;

	private final Clock clock;

	CardVault(PaymentMethodRepository methods, EnvelopeCipher cipher, CvcHold cvcHold, Clock clock) {
		this.methods = methods;
		this.cipher = cipher;
		this.cvcHold = cvcHold;
		this.clock = clock;
	}

	PaymentMethodView register(String userId, PaymentMethodRequest request, String clientIp) {
		return switch (request.type()) {
			case "card" -> registerCard(userId, request);
			case "apple_pay" -> registerWallet(userId, "apple_pay", request.applePay());
			case "google_pay" -> registerWallet(userId, "google_pay", request.googlePay());
			case "sepa_debit" -> registerSepaDebit(userId, request, clientIp);
			case "us_bank_account" -> registerUsBankAccount(userId, request, clientIp);
			default -> throw ApiException.invalid("type",
					"type must be card, apple_pay, google_pay, sepa_debit or us_bank_account");
		};
	}

	private PaymentMethodView registerCard(String userId, PaymentMethodRequest request) {
		PaymentMethodRequest.NewCard card = request.card();
		if (card == null) {
			throw ApiException.invalid("card", "card must not be null");
		}
		CardNumber number = CardNumber.parse(card.number());
		checkExpiry(card.expMonth(), card.expYear());
		if (!card.cvc().matches("[0-9]{" + number.brand().cvcLength() + "}")) {
			throw new ApiException(PaymentError.INVALID_CVC,
					"cvc must be " + number.brand().cvcLength() + " digits for a " + number.brand().apiName() + " card",
					"card.cvc");
		}
		String id = ResourceIds.next("pm");
		VaultedCard vaulted = new VaultedCard(id, userId, number.brand().apiName(), number.last4(), number.bin(),
				card.expMonth(), card.expYear(), this.cipher.fingerprint(number.digits()),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		EnvelopeCipher.Sealed sealed = this.cipher.seal(id, number.digits().getBytes(StandardCharsets.US_ASCII));
		this.methods.insert(vaulted, sealed, null, null, null);
		this.cvcHold.hold(id, card.cvc());
		return PaymentMethodView.of(vaulted);
	}

	/**
	 * A wallet's token: its shape checked, sealed like a card number (the platform cannot
	 * read the network token inside; the acquirer can), brand and last4 from its display
	 * data.
	 */
	private PaymentMethodView registerWallet(String userId, String type, PaymentMethodRequest.WalletToken wallet) {
		if (wallet == null || wallet.token() == null) {
			throw ApiException.invalid(type + ".token", type + ".token must be the wallet's payment token");
		}
		WalletCredential credential = WalletCredential.parse(type, wallet.token());
		String id = ResourceIds.next("pm");
		VaultedCard vaulted = new VaultedCard(id, userId, credential.brand(), credential.last4(), null, 0, 0,
				this.cipher.fingerprint(type + ":" + credential.serialized()), now(), type, null, null, null);
		this.methods.insert(vaulted, this.cipher.seal(id, credential.serialized().getBytes(StandardCharsets.UTF_8)),
				null, null, null);
		return PaymentMethodView.of(vaulted);
	}

	private PaymentMethodView registerSepaDebit(String userId, PaymentMethodRequest request, String clientIp) {
		PaymentMethodRequest.SepaDebit sepa = request.sepaDebit();
		if (sepa == null) {
			throw ApiException.invalid("sepa_debit", "sepa_debit must not be null");
		}
		BankAccountNumber number = BankAccountNumber.iban(sepa.iban(), "sepa_debit.iban");
		String holder = holderName(sepa.accountHolderName(), "sepa_debit.account_holder_name");
		return registerDebit(userId, "sepa_debit", number, holder, null, request.mandate(), clientIp);
	}

	private PaymentMethodView registerUsBankAccount(String userId, PaymentMethodRequest request, String clientIp) {
		PaymentMethodRequest.UsBankAccount account = request.usBankAccount();
		if (account == null) {
			throw ApiException.invalid("us_bank_account", "us_bank_account must not be null");
		}
		BankAccountNumber number = BankAccountNumber.usAch(account.routingNumber(), account.accountNumber(),
				"us_bank_account");
		String holderType = (account.accountHolderType() == null) ? "individual" : account.accountHolderType();
		if (!holderType.equals("individual") && !holderType.equals("company")) {
			throw ApiException.invalid("us_bank_account.account_holder_type",
					"account_holder_type must be individual or company");
		}
		return registerDebit(userId, "us_bank_account", number, null, holderType, request.mandate(), clientIp);
	}

	private PaymentMethodView registerDebit(String userId, String type, BankAccountNumber number, String holderName,
			String holderType, PaymentMethodRequest.MandateAcceptance acceptance, String clientIp) {
		VaultedCard.Mandate mandate = mandate(acceptance, clientIp);
		String id = ResourceIds.next("pm");
		VaultedCard vaulted = new VaultedCard(
				id, userId, type, number.last4(), null, 0, 0, this.cipher.fingerprint(type + ":"
						+ ((number.routingNumber() == null) ? "" : number.routingNumber()) + ":" + number.secret()),
				now(), type, BankNames.of(number), number.country(), mandate);
		this.methods.insert(vaulted, this.cipher.seal(id, number.secret().getBytes(StandardCharsets.US_ASCII)),
				number.routingNumber(), holderName, holderType);
		return PaymentMethodView.of(vaulted);
	}

	/**
	 * The mandate as accepted: a debit without the holder's recorded consent can be
	 * returned by the bank at any time (MD01), so it is refused here.
	 */
	private VaultedCard.Mandate mandate(PaymentMethodRequest.MandateAcceptance acceptance, String clientIp) {
		if (acceptance == null) {
			throw ApiException.invalid("mandate", "a bank debit needs the mandate the account holder accepted");
		}
		java.time.Instant acceptedAt;
		try {
			acceptedAt = java.time.Instant.parse(String.valueOf(acceptance.acceptedAt()));
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw ApiException.invalid("mandate.accepted_at", "accepted_at must be an RFC 3339 UTC time");
		}
		if (acceptedAt.isAfter(this.clock.instant().plusSeconds(300))) {
			throw ApiException.invalid("mandate.accepted_at", "accepted_at is in the future");
		}
		String ip = (acceptance.ip() != null) ? acceptance.ip() : clientIp;
		if (ip == null || ip.length() > 64 || !ip.matches("[0-9A-Fa-f:.]+")) {
			throw ApiException.invalid("mandate.ip", "ip must be the address the mandate was accepted from");
		}
		String userAgent = acceptance.userAgent();
		if (userAgent == null || userAgent.isBlank() || userAgent.length() > 512) {
			throw ApiException.invalid("mandate.user_agent", "user_agent must be 1 to 512 characters");
		}
		return new VaultedCard.Mandate(ResourceIds.next("mdt"), acceptedAt.truncatedTo(ChronoUnit.MICROS), ip,
				userAgent);
	}

	private static String holderName(String name, String param) {
		if (name == null || name.isBlank() || name.length() > 128) {
			throw ApiException.invalid(param, "account_holder_name must be 1 to 128 characters");
		}
		return name.strip();
	}

	private java.time.Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private void checkExpiry(int month, int year) {
		if (month < 1 || month > 12) {
			throw new ApiException(PaymentError.INVALID_EXPIRY, "exp_month must be 1 to 12", "card.exp_month");
		}
		YearMonth now = YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		if (year < now.getYear() || year > now.getYear() + MAX_YEARS_AHEAD) {
			throw new ApiException(PaymentError.INVALID_EXPIRY, "exp_year must be a four-digit year from now on",
					"card.exp_year");
		}
		if (YearMonth.of(year, month).isBefore(now)) {
			throw new ApiException(PaymentError.INVALID_EXPIRY, "the card has expired", "card.exp_month");
		}
	}

	ListPage<PaymentMethodView> list(String userId, PageQuery page) {
		return ListPage.of(this.methods.listActive(userId, page.startingAfter(), page.limit() + 1), page.limit(),
				PaymentMethodView::of);
	}

	PaymentMethodView get(String userId, String id) {
		return PaymentMethodView.of(find(userId, id));
	}

	void detach(String userId, String id) {
		if (!this.methods.detach(userId, id)) {
			throw ApiException.notFound("payment method", id);
		}
		this.cvcHold.forget(id);
	}

	/** The user's active card, or a 404 for any other user's or a detached one. */
	public VaultedCard find(String userId, String id) {
		return this.methods.findActive(userId, id).orElseThrow(() -> ApiException.notFound("payment method", id));
	}

	/**
	 * Decrypts the card for an acquirer call; hands out the CVC at most once, for the
	 * first authorization.
	 */
	public CardSecret reveal(VaultedCard card, boolean firstAuthorization) {
		if (!"card".equals(card.type())) {
			throw new IllegalStateException(card.id() + " is not a card");
		}
		EnvelopeCipher.Sealed sealed = this.methods.sealedNumber(card.id())
			.orElseThrow(() -> ApiException.notFound("payment method", card.id()));
		String number = new String(this.cipher.open(card.id(), sealed), StandardCharsets.US_ASCII);
		String cvc = firstAuthorization ? this.cvcHold.take(card.id()) : null;
		return new CardSecret(number, card.expMonth(), card.expYear(), cvc);
	}

	/** Decrypts a wallet's token for the acquirer call that forwards it. */
	public WalletSecret revealWallet(VaultedCard wallet) {
		EnvelopeCipher.Sealed sealed = this.methods.sealedNumber(wallet.id())
			.orElseThrow(() -> ApiException.notFound("payment method", wallet.id()));
		return new WalletSecret(wallet.type(),
				new String(this.cipher.open(wallet.id(), sealed), StandardCharsets.UTF_8));
	}

	/** Decrypts a bank account for the acquirer call that debits it. */
	public DebitSecret revealDebit(VaultedCard account) {
		EnvelopeCipher.Sealed sealed = this.methods.sealedNumber(account.id())
			.orElseThrow(() -> ApiException.notFound("payment method", account.id()));
		PaymentMethodRepository.DebitDetails details = this.methods.debitDetails(account.id()).orElseThrow();
		VaultedCard.Mandate mandate = details.mandate();
		return new DebitSecret(account.type(), details.country(), details.routingNumber(),
				new String(this.cipher.open(account.id(), sealed), StandardCharsets.US_ASCII), details.holderName(),
				details.holderType(), mandate.reference(), mandate.acceptedAt());
	}

}
