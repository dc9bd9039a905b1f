package io.emberpay.fraud.scoring;

import java.time.Clock;

import io.emberpay.fraud.audit.OperatorAudit;
import io.emberpay.fraud.thresholds.MerchantThresholds;
import io.emberpay.fraud.thresholds.Thresholds;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clock scoring reads "now" from (UTC), and each merchant's thresholds with scoring's
 * configured defaults.
 */
@Configuration(proxyBeanMethods = false)
class ScoringConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	MerchantThresholds merchantThresholds(JdbcClient jdbc, OperatorAudit audit, ScoringProperties properties) {
		return new MerchantThresholds(jdbc, audit, new Thresholds(properties.reviewAt(), properties.declineAt()),
				properties.maxCachedMerchants(), properties.cacheRefresh());
	}

}
