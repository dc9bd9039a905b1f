package io.emberpay.payment.fraud;

import java.util.List;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** fraud-service's synchronous scoring, as payment-service calls it for every payment. */
@HttpExchange(url = "/internal/v1", accept = "application/json", contentType = "application/json")
interface FraudServiceApi {

	@PostExchange("/scores")
	ScoreReply score(@RequestBody ScoreQuery query);

	record ScoreQuery(String payment, String user, String merchant, long amount, String currency,
			String cardFingerprint, String cardBin, String deviceId, String ip, String occurredAt, boolean offSession,
			boolean livemode) {
	}

	record ScoreReply(int score, String decision, List<String> reasons, boolean fallback) {
	}

}
