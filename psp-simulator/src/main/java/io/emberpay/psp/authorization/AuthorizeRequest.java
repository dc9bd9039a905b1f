package io.emberpay.psp.authorization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /{psp}/v1/authorizations} with exactly one of {@code card}, {@code wallet}
 * or {@code bank_account}. {@code capture: true} authorizes and captures in one step (a
 * bank debit is always collected); {@code return_url} is where a 3-D Secure challenge
 * sends the customer back.
 */
public record AuthorizeRequest(@NotNull @Positive @Max(AuthorizeRequest.MAX_AMOUNT_MINOR) Long amount,
		@NotNull @Pattern(regexp = "[A-Z]{3}") String currency, @Valid CardDetails card, @Valid WalletDetails wallet,
		@Valid BankAccountDetails bankAccount, @NotNull @Pattern(regexp = AuthorizeRequest.REFERENCE) String reference,
		Boolean capture, @Size(max = 2048) String returnUrl) {

	/** Eight digits of minor units, the acquirers' largest single charge. */
	static final long MAX_AMOUNT_MINOR = 99_999_999L;

	/**
	 * Our {@code pay_}/{@code re_} ids and similar: the pattern keeps references safe to
	 * print in CSV and logs.
	 */
	static final String REFERENCE = "[A-Za-z0-9_.:-]{1,255}";

	/** A card-only request, as most callers and tests send it. */
	public AuthorizeRequest(Long amount, String currency, CardDetails card, String reference, Boolean capture) {
		this(amount, currency, card, null, null, reference, capture, null);
	}

	/** Exactly one thing to charge. */
	@AssertTrue(message = "exactly one of card, wallet or bank_account is required")
	public boolean isCardWalletOrBankAccount() {
		return ((this.card != null) ? 1 : 0) + ((this.wallet != null) ? 1 : 0)
				+ ((this.bankAccount != null) ? 1 : 0) == 1;
	}

	boolean captureNow() {
		return Boolean.TRUE.equals(this.capture);
	}

}
