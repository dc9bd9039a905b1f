package io.emberpay.subscription.catalogue;

import java.time.Instant;

/** The public representations of products and prices. */
final class CatalogueViews {

	private CatalogueViews() {
	}

	record ProductView(String id, String object, String name, String description, boolean livemode, Instant created) {

		static ProductView of(Product product) {
			return new ProductView(product.id(), "product", product.name(), product.description(), product.livemode(),
					product.created());
		}

	}

	record PriceView(String id, String object, String product, long unitAmount, String currency,
			RecurringView recurring, int trialPeriodDays, String tier, boolean livemode, Instant created) {

		static PriceView of(Price price) {
			return new PriceView(price.id(), "price", price.product(), price.unitAmount(), price.currency(),
					new RecurringView(price.interval().wire(), price.intervalCount()), price.trialPeriodDays(),
					price.tier(), price.livemode(), price.created());
		}

	}

	record RecurringView(String interval, int intervalCount) {
	}

}
