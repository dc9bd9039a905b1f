package io.emberpay.gateway;

import java.util.List;

import io.emberpay.errors.ErrorCatalogue;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A problem's {@code type} is a URL a developer can follow: the gateway answers
 * {@code /errors/{code}} for every code of the catalogue, without credentials.
 */
class ErrorPageTests extends GatewayTestSupport {

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Test
	void answersEveryCataloguedCodeAtItsProblemTypeUrl() {
		List<ErrorCatalogue.Entry> entries = ErrorCatalogue.load().entries();

		assertThat(entries).isNotEmpty().allSatisfy((entry) -> {
			ApiClient.Response response = anonymous().get(entry.type());

			assertThat(response.status()).as(entry.type()).isEqualTo(200);
			assertThat(response.header("Content-Type")).startsWith("application/json");
			assertThat(response.text("code")).isEqualTo(entry.code());
			assertThat(response.text("type")).isEqualTo(entry.type());
			assertThat(response.json().path("status").asInt()).isEqualTo(entry.status());
			assertThat(response.text("title")).isEqualTo(entry.title());
			assertThat(response.text("meaning")).isEqualTo(entry.meaning());
			assertThat(response.text("client_action")).isEqualTo(entry.clientAction());
			assertThat(response.json().path("retryable").asBoolean()).isEqualTo(entry.retryable());
		});
	}

	@Test
	void theTypeOfAProblemTheGatewayAnswersLeadsToItsPage() {
		ApiClient.Response problem = anonymous().get("/v1/payments");

		ApiClient.Response page = anonymous().get(problem.text("type"));

		assertThat(problem.status()).isEqualTo(401);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text("code")).isEqualTo(problem.text("code")).isEqualTo("unauthenticated");
	}

	@Test
	void servesHtmlToABrowser() {
		ApiClient.Response page = anonymous().withHeader("Accept", BROWSER_ACCEPT).get("/errors/card_declined");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
		assertThat(page.body()).contains("<code>card_declined</code>", "HTTP 402", "What to do",
				ErrorCatalogue.load().find("card_declined").orElseThrow().clientAction());
	}

	@Test
	void listsEveryCodeAsJsonAndHtml() {
		int codes = ErrorCatalogue.load().entries().size();

		ApiClient.Response json = anonymous().get("/errors");
		ApiClient.Response html = anonymous().withHeader("Accept", BROWSER_ACCEPT).get("/errors");

		assertThat(json.status()).isEqualTo(200);
		assertThat(json.json().path("data").size()).isEqualTo(codes);
		assertThat(json.json().path("has_more").asBoolean()).isFalse();
		assertThat(html.header("Content-Type")).startsWith("text/html");
		assertThat(html.body().split("<tr><td>", -1)).hasSize(codes + 1);
	}

	@Test
	void anUnknownCodeIsANotFoundProblem() {
		ApiClient.Response response = anonymous().get("/errors/no_such_code");
		ApiClient.Response html = anonymous().withHeader("Accept", BROWSER_ACCEPT).get("/errors/%3Cscript%3E");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.text("code")).isEqualTo("not_found");
		assertThat(response.text("type")).isEqualTo("/errors/not_found");
		assertThat(html.status()).isIn(400, 404);
		assertThat(html.body()).doesNotContain("<script>");
	}

}
