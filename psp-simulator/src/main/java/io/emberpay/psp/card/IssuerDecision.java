package io.emberpay.psp.card;

/**
 * What the card issuer answered: approved, or declined with a Stripe-style
 * {@code decline_code}.
 */
public record IssuerDecision(boolean approved, String declineCode) {

	static final IssuerDecision APPROVED = new IssuerDecision(true, null);

	static IssuerDecision declined(String declineCode) {
		return new IssuerDecision(false, declineCode);
	}

}
