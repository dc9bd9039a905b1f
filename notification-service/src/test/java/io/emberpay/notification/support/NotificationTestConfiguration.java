package io.emberpay.notification.support;

import java.net.URI;
import java.time.Duration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.emberpay.notification.config.AccountMailProperties;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What every notification test context adds: a clock tests can move, a real SMTP server
 * (GreenMail) in the test JVM that the service's mail sender talks to, and auth-service's
 * account API stubbed on loopback HTTP.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NotificationTestConfiguration {

	/** Preferred over the service's system clock wherever a {@code Clock} is injected. */
	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
	}

	/** auth-service's account API, stubbed on loopback HTTP ({@link AuthStub}). */
	@Bean
	@Primary
	AccountMailProperties testAccountMailProperties() {
		return new AccountMailProperties(AuthStub.get().url(), URI.create("https://app.emberpay.test"),
				URI.create("https://dashboard.emberpay.test/console"), Duration.ofSeconds(2));
	}

	@Bean(initMethod = "start", destroyMethod = "stop")
	GreenMail greenMail() {
		return new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
	}

	@Bean
	@Primary
	JavaMailSender testMailSender(GreenMail greenMail) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(greenMail.getSmtp().getPort());
		return sender;
	}

}
