package io.emberpay.fraud.rules.lists;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.emberpay.fraud.lists.ListAction;
import io.emberpay.fraud.lists.ListCatalog;
import io.emberpay.fraud.lists.ListName;
import io.emberpay.fraud.rules.Rule;
import io.emberpay.fraud.risk.Decision;
import io.emberpay.fraud.risk.PaymentAttempt;
import io.emberpay.fraud.scoring.RiskContext;
import io.emberpay.fraud.scoring.RiskSignal;

/**
 * An operator's block or allow entry matches the attempt: {@code blocklist_bin: 424242}
 * forces a decline, {@code allowlist_device: listed} an approval. Card fingerprints and
 * devices are not echoed: a reason reaches the merchant, and a fingerprint links one card
 * across merchants.
 */
public final class ListRule implements Rule {

	private final ListName list;

	private final ListCatalog catalog;

	private final Function<PaymentAttempt, List<String>> values;

	public ListRule(ListName list, ListCatalog catalog) {
		this.list = list;
		this.catalog = catalog;
		this.values = switch (list) {
			case BIN -> attempt -> nonNull(attempt.cardBin());
			case CARD_FINGERPRINT -> attempt -> nonNull(attempt.cardFingerprint());
			case DEVICE -> attempt -> nonNull(attempt.deviceId(), attempt.deviceFingerprint());
			case EMAIL_DOMAIN -> attempt -> nonNull(attempt.emailDomain());
		};
	}

	@Override
	public Optional<RiskSignal> evaluate(RiskContext context) {
		RiskSignal allowed = null;
		for (String value : this.values.apply(context.attempt())) {
			Optional<ListAction> action = this.catalog.lookup(this.list, value);
			if (action.isEmpty()) {
				continue;
			}
			String shown = (this.list == ListName.BIN || this.list == ListName.EMAIL_DOMAIN) ? value : "listed";
			if (action.get() == ListAction.BLOCK) {
				return Optional.of(new RiskSignal("blocklist_" + this.list.code(), shown, 100, Decision.DECLINE));
			}
			allowed = new RiskSignal("allowlist_" + this.list.code(), shown, 0, Decision.APPROVE);
		}
		return Optional.ofNullable(allowed);
	}

	private static List<String> nonNull(String... values) {
		return Arrays.stream(values).filter(Objects::nonNull).toList();
	}

}
