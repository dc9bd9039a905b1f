package io.emberpay.ledger.publication;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code emberpay.ledger.publication.lag}: transactions committed but not yet announced
 * on {@code ledger.events}, read on each scrape.
 */
@Component
class PublicationLag implements MeterBinder {

	private final JdbcClient jdbc;

	PublicationLag(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("emberpay.ledger.publication.lag", () -> this.jdbc.sql("""
				select h.seq - p.last_seq from ledger_chain_head h, ledger_publication p where h.id = 1 and p.id = 1""")
			.query(Long.class)
			.single()).description("Posted ledger transactions not yet acknowledged by Kafka").register(registry);
	}

}
