package io.emberpay.payment.vault;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import io.emberpay.events.ResourceIds;
import io.emberpay.starter.money.Money;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.stereotype.Service;

/**
 * Merchants' bank accounts, vaulted like cards: validated at the edge (IBAN length and
 * check digits, ABA routing checksum), the number kept only as envelope ciphertext under
 * the card vault's keys, and only the last four digits, the bank and the country ever
 * shown, logged or published.
 */
@Service
public class ExternalAccountVault {

	private final ExternalAccountRepository accounts;

	private final EnvelopeCipher cipher;

	private final Clock clock;

	ExternalAccountVault(ExternalAccountRepository accounts, EnvelopeCipher cipher, Clock clock) {
		this.accounts = accounts;
		this.cipher = cipher;
		this.clock = clock;
	}

	ExternalAccountView register(String merchantId, ExternalAccountRequest request) {
		ExternalAccountRequest.BankAccount bank = request.bankAccount();
		String currency = currency(bank.currency());
		BankAccountNumber number;
		if ("US".equals(bank.country())) {
			if (bank.iban() != null) {
				throw ApiException.invalid("bank_account.iban", "a US account takes routing_number and account_number");
			}
			number = BankAccountNumber.usAch(bank.routingNumber(), bank.accountNumber(), "bank_account");
		}
		else {
			if (bank.accountNumber() != null || bank.routingNumber() != null) {
				throw ApiException.invalid("bank_account.iban", "an account outside the US takes an iban");
			}
			number = BankAccountNumber.iban(bank.iban(), "bank_account.iban");
			if (!number.country().equals(bank.country())) {
				throw ApiException.invalid("bank_account.iban", "the IBAN is not of " + bank.country());
			}
		}
		String id = ResourceIds.next("ba");
		ExternalAccount account = new ExternalAccount(id, merchantId, kindName(number), number.country(), currency,
				bankName(number), number.last4(), number.routingNumber(),
				this.cipher
					.fingerprint(kindName(number) + ":" + nullToEmpty(number.routingNumber()) + ":" + number.secret()),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), null);
		EnvelopeCipher.Sealed sealed = this.cipher.seal(id, number.secret().getBytes(StandardCharsets.US_ASCII));
		this.accounts.insert(account, sealed);
		return ExternalAccountView.of(account);
	}

	ListPage<ExternalAccountView> list(String merchantId, PageQuery page) {
		return ListPage.of(this.accounts.listActive(merchantId, page.startingAfter(), page.limit() + 1), page.limit(),
				ExternalAccountView::of);
	}

	ExternalAccountView get(String merchantId, String id) {
		return ExternalAccountView
			.of(this.accounts.find(merchantId, id).orElseThrow(() -> ApiException.notFound("external account", id)));
	}

	void delete(String merchantId, String id) {
		if (!this.accounts.delete(merchantId, id)) {
			throw ApiException.notFound("external account", id);
		}
	}

	/**
	 * Where a payout of the merchant in {@code currency} goes: the named account (400
	 * when deleted, 404 when it is not the merchant's) or its newest one in that
	 * currency.
	 */
	public ExternalAccount destination(String merchantId, String id, String currency) {
		if (id == null) {
			return this.accounts.defaultFor(merchantId, currency)
				.orElseThrow(() -> ApiException.invalid("destination",
						"Add a bank account in " + currency + " with POST /v1/external_accounts first"));
		}
		ExternalAccount account = this.accounts.find(merchantId, id)
			.orElseThrow(() -> ApiException.notFound("external account", id));
		if (account.isDeleted()) {
			throw ApiException.invalid("destination", "Bank account " + id + " was deleted");
		}
		if (!account.currency().equals(currency)) {
			throw ApiException.invalid("destination", "Bank account " + id + " takes " + account.currency());
		}
		return account;
	}

	/**
	 * The merchant's account, deleted or not, as a payout already on its way names it.
	 */
	public ExternalAccount account(String merchantId, String id) {
		return this.accounts.find(merchantId, id).orElseThrow(() -> ApiException.notFound("external account", id));
	}

	/** Decrypts the account for the acquirer's payout call. */
	public BankAccountSecret reveal(ExternalAccount account) {
		EnvelopeCipher.Sealed sealed = this.accounts.sealedNumber(account.id())
			.orElseThrow(() -> new IllegalStateException("bank account " + account.id() + " has no number"));
		String number = new String(this.cipher.open(account.id(), sealed), StandardCharsets.US_ASCII);
		return new BankAccountSecret(account.kind(), account.country(), account.routingNumber(), number);
	}

	private static String currency(String code) {
		try {
			return Money.currency(code).getCurrencyCode();
		}
		catch (ApiException ex) {
			throw new ApiException(ex.error(), ex.getMessage(), "bank_account.currency");
		}
	}

	private static String kindName(BankAccountNumber number) {
		return (number.kind() == BankAccountNumber.Kind.IBAN) ? "iban" : "us_ach";
	}

	private static String bankName(BankAccountNumber number) {
		return BankNames.of(number);
	}

	private static String nullToEmpty(String value) {
		return (value == null) ? "" : value;
	}

}
