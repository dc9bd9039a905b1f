package io.emberpay.ledger.reconciliation;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;

import io.emberpay.ledger.LedgerError;
import io.emberpay.starter.problem.ApiException;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Fetches a day's settlement file from the acquirer's configured source; an acquirer
 * without one is refused (its files are uploaded).
 */
@Component
class PspSettlementClient {

	private static final int MAX_FILE_CHARS = 20 * 1024 * 1024;

	private final RestClient http;

	private final SettlementSources sources;

	PspSettlementClient(SettlementSources sources) {
		this.sources = sources;
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(Duration.ofSeconds(30));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	String fetch(String psp, LocalDate date) {
		String source = this.sources.urlOf(psp)
			.orElseThrow(() -> ApiException.invalid("psp", "No settlement report source is configured for " + psp
					+ ": upload its file to /internal/v1/reconciliations/" + psp + "/{date}"));
		try {
			String body = this.http.get()
				.uri(source + "/{psp}/v1/settlements/{date}", psp, date.toString())
				.retrieve()
				.body(String.class);
			if (body == null || body.length() > MAX_FILE_CHARS) {
				throw new ApiException(LedgerError.SETTLEMENT_UNAVAILABLE,
						"The settlement file of " + psp + " for " + date + " is empty or too large", "date",
						Duration.ofSeconds(60));
			}
			return body;
		}
		catch (RestClientException ex) {
			throw new ApiException(LedgerError.SETTLEMENT_UNAVAILABLE,
					"The settlement file of " + psp + " for " + date + " could not be fetched: " + ex.getMessage(),
					"date", Duration.ofSeconds(60));
		}
	}

}
