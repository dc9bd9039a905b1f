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

	PaymentMethodView register(String userId, PaymentMethodRequest request) {
		PaymentMethodRequest.NewCard card = request.card();
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
		this.methods.insert(vaulted, sealed);
		this.cvcHold.hold(id, card.cvc());
		return PaymentMethodView.of(vaulted);
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
		EnvelopeCipher.Sealed sealed = this.methods.sealedNumber(card.id())
			.orElseThrow(() -> ApiException.notFound("payment method", card.id()));
		String number = new String(this.cipher.open(card.id(), sealed), StandardCharsets.US_ASCII);
		String cvc = firstAuthorization ? this.cvcHold.take(card.id()) : null;
		return new CardSecret(number, card.expMonth(), card.expYear(), cvc);
	}

}
