package io.emberpay.payment.psp.adyen;

import java.time.Duration;

import io.emberpay.payment.psp.PspProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Adyen joins the acquirers when {@code emberpay.psp.adyen.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "emberpay.psp.adyen.enabled", havingValue = "true")
class AdyenConfiguration {

	@Bean
	AdyenConnector adyenConnector(AdyenProperties adyen, PspProperties psp, AdyenConnector.Notices notices) {
		// The read timeout is a backstop only; the time limiter gives up first.
		Duration readTimeout = psp.resilience().timeout().plusSeconds(1);
		return new AdyenConnector(adyen, psp.connectTimeout(), readTimeout, notices);
	}

}
