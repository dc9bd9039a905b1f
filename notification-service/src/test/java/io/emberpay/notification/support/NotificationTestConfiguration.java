package io.emberpay.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What every notification test context adds: a clock tests can move, and a real SMTP
 * server (GreenMail) in the test JVM that the service's mail sender talks to.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NotificationTestConfiguration {

	/** Preferred over the service's system clock wherever a {@code Clock} is injected. */
	@Bean
	@Primary
	TestClock testClock() {
		return new TestClock();
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
