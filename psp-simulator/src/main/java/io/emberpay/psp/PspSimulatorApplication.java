package io.emberpay.psp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Plays two external card acquirers, {@code psp-a} and {@code psp-b}, over HTTP so the
 * platform's PSP connectors, failover and reconciliation can be tested against a real
 * server that declines, fails, hangs and settles like one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PspSimulatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(PspSimulatorApplication.class, args);
	}

}
