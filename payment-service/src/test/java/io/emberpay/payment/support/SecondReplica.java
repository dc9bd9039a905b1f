package io.emberpay.payment.support;

import io.emberpay.payment.PaymentApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second payment-service instance on the same database, broker and stubs as the test
 * context: what two replicas behind a load balancer look like. Started once per JVM.
 */
public final class SecondReplica {

	private static volatile ConfigurableApplicationContext context;

	private SecondReplica() {
	}

	public static int port() {
		if (context == null) {
			synchronized (SecondReplica.class) {
				if (context == null) {
					context = new SpringApplicationBuilder(PaymentApplication.class)
						.initializers(new StubsInitializer())
						.properties("server.port=0")
						.run();
					Runtime.getRuntime().addShutdownHook(new Thread(context::close));
				}
			}
		}
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
