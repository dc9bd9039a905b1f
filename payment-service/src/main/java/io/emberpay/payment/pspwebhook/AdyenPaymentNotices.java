package io.emberpay.payment.pspwebhook;

import java.util.Optional;

import io.emberpay.payment.psp.adyen.AdyenConnector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the Adyen connector may know without asking Adyen: the AUTHORISATION notifications
 * stored here (Adyen has no look-up by idempotency key), and which payments routing sent
 * to Adyen. An authorization key is {@code <payment id>.authorize}, and Adyen
 * notifications carry the payment id as {@code merchantReference}.
 */
@Component
class AdyenPaymentNotices implements AdyenConnector.Notices {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	AdyenPaymentNotices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * By {@code merchantReference}, which the item's HMAC covers (the key Adyen also
	 * returns in {@code additionalData.metadata.*} is not signed).
	 */
	@Override
	public Optional<Authorisation> authorisation(String idempotencyKey) {
		return this.jdbc.sql("""
				select e.payload, p.capture_method from psp_webhook_event e
				join payment p on p.id = (e.payload::jsonb) ->> 'merchantReference'
				where e.acquirer = 'adyen' and (e.payload::jsonb) ->> 'merchantReference' = split_part(?, '.', 1)
				  and e.type = 'AUTHORISATION'
				order by e.received_at desc limit 1""").param(idempotencyKey).query((rs, row) -> {
			JsonNode item = JSON.readTree(rs.getString("payload"));
			return new Authorisation(item.path("pspReference").asString(),
					"true".equals(item.path("success").asString()), "automatic".equals(rs.getString("capture_method")),
					item.path("amount").path("value").asLong(), item.path("amount").path("currency").asString());
		}).optional();
	}

	@Override
	public boolean sentToAdyen(String idempotencyKey) {
		return this.jdbc.sql("select count(*) from payment where id = split_part(?, '.', 1) and acquirer = ?")
			.params(idempotencyKey, AdyenConnector.NAME)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public boolean capturesAtOnce(String idempotencyKey) {
		return this.jdbc.sql("select capture_method from payment where id = split_part(?, '.', 1)")
			.param(idempotencyKey)
			.query(String.class)
			.optional()
			.map("automatic"::equals)
			.orElse(true);
	}

	@Override
	public Optional<String> currencyOf(String pspReference) {
		return this.jdbc.sql("select currency from payment where psp = ? and psp_reference = ?")
			.params(AdyenConnector.NAME, pspReference)
			.query(String.class)
			.optional();
	}

}
