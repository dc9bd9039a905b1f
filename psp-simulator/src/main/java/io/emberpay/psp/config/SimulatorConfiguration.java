package io.emberpay.psp.config;

import java.time.Clock;

import io.emberpay.psp.Acquirer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wiring of the simulator: one UTC clock, acquirer names in paths, the settlement
 * schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SimulatorConfiguration implements WebMvcConfigurer {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverter(String.class, Acquirer.class, (String name) -> Acquirer.fromPathName(name)
			.orElseThrow(() -> new IllegalArgumentException("unknown acquirer")));
	}

}
