package io.emberpay.subscription.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.subscription.support.SubscriptionApi;
import io.emberpay.subscription.support.SubscriptionTest;
import io.emberpay.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

@SubscriptionTest
class CatalogueApiTests extends SubscriptionApi {

	@Test
	void merchantCreatesAProductAndTieredPrices() {
		String merchant = newMerchant();
		String product = product(merchant);

		ApiClient.Response premium = as(merchant)
			.get("/v1/prices/" + price(merchant, product, 999, "month", 7, "premium"));
		price(merchant, product, 9999, "year", 0, "platinum");

		assertThat(premium.status()).isEqualTo(200);
		assertThat(premium.text("object")).isEqualTo("price");
		assertThat(premium.json().path("unit_amount").asLong()).isEqualTo(999);
		assertThat(premium.json().path("recurring").path("interval").asString()).isEqualTo("month");
		assertThat(premium.json().path("trial_period_days").asInt()).isEqualTo(7);
		assertThat(premium.text("tier")).isEqualTo("premium");
		assertThat(as(merchant).get("/v1/prices?product=" + product).json().path("data").size()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "unknown interval, fortnight, 1, 999, 0, recurring.interval",
			"13 months, month, 13, 999, 0, recurring.interval_count",
			"zero count, week, 0, 999, 0, recurring.interval_count",
			"two years, year, 2, 999, 0, recurring.interval_count", "negative amount, month, 1, -1, 0, unit_amount",
			"trial over 730 days, month, 1, 999, 731, trial_period_days",
			"negative trial, month, 1, 999, -1, trial_period_days" })
	void refusesABadPriceNamingTheField(String why, String interval, int count, long amount, int trialDays,
			String param) {
		String merchant = newMerchant();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("product", product(merchant));
		body.put("unit_amount", amount);
		body.put("currency", "USD");
		body.put("recurring", Map.of("interval", interval, "interval_count", count));
		body.put("trial_period_days", trialDays);
		body.put("tier", "premium");

		ApiClient.Response response = as(merchant).post("/v1/prices", body);

		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.text("param")).isEqualTo(param);
	}

	@Test
	void acceptsTheLongestTrialAndAFreeTier() {
		String merchant = newMerchant();
		String product = product(merchant);

		price(merchant, product, 999, "month", 730, "premium");
		price(merchant, product, 0, "month", 0, "free");
	}

	@Test
	void anotherMerchantsProductAndPriceAreUnknown() {
		String owner = newMerchant();
		String product = product(owner);
		String price = price(owner, product, 999, "month", 0, "premium");
		String other = newMerchant();
		Map<String, Object> body = Map.of("product", product, "unit_amount", 999, "currency", "USD", "recurring",
				Map.of("interval", "month"), "tier", "premium");

		assertThat(as(other).get("/v1/prices/" + price).status()).isEqualTo(404);
		assertThat(as(other).get("/v1/products/" + product).status()).isEqualTo(404);
		ApiClient.Response foreignProduct = as(other).post("/v1/prices", body);
		assertThat(foreignProduct.status()).isEqualTo(404);
		assertThat(foreignProduct.text("param")).isEqualTo("product");
	}

	@Test
	void usersCannotEditTheCatalogue() {
		assertThat(as(newUser()).post("/v1/products", Map.of("name", "Free money")).status()).isEqualTo(403);
	}

}
