package io.emberpay.ledger.reconciliation;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where each acquirer publishes its daily settlement report
 * ({@code {url}/{psp}/v1/settlements/{date}}): {@code sources} by acquirer name, else
 * {@code defaultSource}. An acquirer whose source is blank or absent is never fetched
 * from: its files are uploaded by an operator. Production configures none for the
 * simulator's acquirers, so the ledger never takes a settlement report from a simulator.
 */
@Validated
@ConfigurationProperties("emberpay.ledger.reconciliation")
public record SettlementSources(Map<String, String> sources, String defaultSource) {

	public SettlementSources {
		sources = (sources == null) ? Map.of() : Map.copyOf(sources);
		defaultSource = (defaultSource == null) ? "" : defaultSource;
	}

	Optional<String> urlOf(String psp) {
		return Optional.of(this.sources.getOrDefault(psp, this.defaultSource)).filter((url) -> !url.isBlank());
	}

}
