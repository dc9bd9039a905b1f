package io.emberpay.psp.card;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Plays the card issuers behind both acquirers with Stripe's public test cards: the
 * listed numbers decline with their code, an expiry date in the past declines as
 * {@code expired_card}, and every other Luhn-valid number is approved.
 */
@Component
public class TestCardIssuer {

	private static final Map<String, String> DECLINING_CARDS = Map.of("4000000000000002", "card_declined",
			"4000000000009995", "insufficient_funds", "4000000000000069", "expired_card", "4000000000000127",
			"incorrect_cvc", "4000000000000119", "processing_error", "4000000000009987", "lost_card",
			"4000000000009979", "stolen_card", "4000000000006975", "card_velocity_exceeded");

	/**
	 * Stripe's 3-D Secure test cards: always challenged; the first is approved once the
	 * challenge is passed, the second fails the challenge whatever the cardholder does.
	 */
	private static final Map<String, Boolean> CHALLENGED_CARDS = Map.of("4000002760003184", true, "4000000000003220",
			false);

	/**
	 * Stripe's dispute test card: approved and captured as usual, then disputed by its
	 * cardholder.
	 */
	private static final String DISPUTED_CARD = "4000000000000259";

	private final Clock clock;

	public TestCardIssuer(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether the issuer asks for 3-D Secure on this card: empty when not, else whether a
	 * passed challenge approves it.
	 */
	public java.util.Optional<Boolean> challenge(CardNumber card) {
		return java.util.Optional.ofNullable(CHALLENGED_CARDS.get(card.digits()));
	}

	/** Whether the cardholder disputes every captured payment on this card. */
	public boolean disputesEveryPayment(CardNumber card) {
		return DISPUTED_CARD.equals(card.digits());
	}

	public IssuerDecision decide(CardNumber card, int expMonth, int expYear) {
		String declineCode = DECLINING_CARDS.get(card.digits());
		if (declineCode != null) {
			return IssuerDecision.declined(declineCode);
		}
		if (YearMonth.of(expYear, expMonth).isBefore(YearMonth.now(this.clock.withZone(ZoneOffset.UTC)))) {
			return IssuerDecision.declined("expired_card");
		}
		return IssuerDecision.APPROVED;
	}

}
