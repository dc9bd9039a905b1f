package io.emberpay.payment.psp.stripe;

import java.time.Duration;

import io.emberpay.payment.psp.PspProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Stripe joins the acquirers when {@code emberpay.psp.stripe.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "emberpay.psp.stripe.enabled", havingValue = "true")
class StripeConfiguration {

	@Bean
	StripeConnector stripeConnector(StripeProperties stripe, PspProperties psp) {
		// The read timeout is a backstop only; the time limiter gives up first.
		Duration readTimeout = psp.resilience().timeout().plusSeconds(1);
		return new StripeConnector(stripe, psp.connectTimeout(), readTimeout);
	}

}
