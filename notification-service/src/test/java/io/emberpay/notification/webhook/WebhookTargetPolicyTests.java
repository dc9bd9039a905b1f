package io.emberpay.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.emberpay.notification.webhook.target.HostResolver;
import io.emberpay.notification.webhook.target.TargetRefused;
import io.emberpay.notification.webhook.target.WebhookTarget;
import io.emberpay.notification.webhook.target.WebhookTargetPolicy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class WebhookTargetPolicyTests {

	/**
	 * A DNS that answers what each test needs, including private addresses (rebinding).
	 */
	private static final Map<String, List<String>> DNS = Map.of("hooks.example.com", List.of("93.184.215.14"),
			"rebound.example.com", List.of("10.0.0.7"), "metadata.example.com", List.of("169.254.169.254"),
			"mixed.example.com", List.of("93.184.215.14", "192.168.0.10"), "v6.example.com", List.of("fd00::1"),
			"localhost", List.of("127.0.0.1", "::1"));

	private static final HostResolver FAKE_DNS = host -> {
		List<String> answers = DNS.get(host);
		if (answers == null) {
			throw new UnknownHostException(host);
		}
		return answers.stream().map(WebhookTargetPolicyTests::address).toList();
	};

	private final WebhookTargetPolicy strict = new WebhookTargetPolicy(List.of(), FAKE_DNS);

	@Test
	void refusesEveryHostileUrl() {
		List<String> urls = new java.util.ArrayList<>(HostileUrls.ALL);
		urls.addAll(List.of("http://127.0.0.1:8080/", "https://127.0.0.1/", "https://rebound.example.com/",
				"https://metadata.example.com/", "https://mixed.example.com/", "https://v6.example.com/"));
		assertThat(urls).hasSizeGreaterThanOrEqualTo(60);
		for (String url : urls) {
			assertThatExceptionOfType(TargetRefused.class).as(url).isThrownBy(() -> this.strict.check(url));
		}
	}

	@Test
	void acceptsPublicHttpsTargets() throws TargetRefused {
		assertThat(this.strict.check("https://hooks.example.com/emberpay?account=1"))
			.isEqualTo(address("93.184.215.14"));
		assertThatNoException().isThrownBy(() -> this.strict.check("https://93.184.215.14:8443/hook"));
		assertThatNoException().isThrownBy(() -> this.strict.check("https://[2606:4700:4700::1111]/hook"));
	}

	@Test
	void checksAddressesAgainAtDeliveryTime() throws TargetRefused {
		WebhookTarget target = this.strict.parse("https://rebound.example.com/hook");
		assertThatExceptionOfType(TargetRefused.class).isThrownBy(() -> this.strict.resolve(target))
			.withMessage("host rebound.example.com does not resolve to a public address");
	}

	@Test
	@Tag("security")
	void anInternalNameAndAMissingOneAreRefusedAlike() {
		assertThatExceptionOfType(TargetRefused.class)
			.isThrownBy(() -> this.strict.check("https://metadata.example.com/"))
			.withMessage("host metadata.example.com does not resolve to a public address");
		assertThatExceptionOfType(TargetRefused.class)
			.isThrownBy(() -> this.strict.check("https://missing.example.com/"))
			.withMessage("host missing.example.com does not resolve to a public address");
	}

	@Test
	void allowsHttpAndLoopbackOnlyForConfiguredLocalHosts() throws TargetRefused {
		WebhookTargetPolicy local = new WebhookTargetPolicy(List.of("127.0.0.1"), FAKE_DNS);
		assertThat(local.check("http://127.0.0.1:9000/hook").isLoopbackAddress()).isTrue();
		assertThatExceptionOfType(TargetRefused.class).isThrownBy(() -> local.check("http://localhost:9000/hook"));
		assertThatExceptionOfType(TargetRefused.class).isThrownBy(() -> local.check("https://127.0.0.2/hook"));
		assertThatExceptionOfType(TargetRefused.class).isThrownBy(() -> local.check("http://example.com/hook"));
	}

	@Test
	void buildsTheRequestTargetFromPathAndQuery() throws TargetRefused {
		WebhookTarget target = this.strict.parse("https://hooks.example.com/a/b?x=1&y=2");
		assertThat(target.pathAndQuery()).isEqualTo("/a/b?x=1&y=2");
		assertThat(target.hostHeader()).isEqualTo("hooks.example.com");
		assertThat(this.strict.parse("https://hooks.example.com:8443").pathAndQuery()).isEqualTo("/");
		assertThat(this.strict.parse("https://hooks.example.com:8443").hostHeader())
			.isEqualTo("hooks.example.com:8443");
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(literal, ex);
		}
	}

}
