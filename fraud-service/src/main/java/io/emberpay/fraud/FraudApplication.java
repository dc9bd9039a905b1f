package io.emberpay.fraud;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Real-time risk scoring: rules, velocity, device and history features, alerts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FraudApplication {

	public static void main(String[] args) {
		SpringApplication.run(FraudApplication.class, args);
	}

}
