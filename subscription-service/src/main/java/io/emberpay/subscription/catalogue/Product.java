package io.emberpay.subscription.catalogue;

import java.time.Instant;

/** Something a merchant sells by subscription, e.g. "Pro membership". */
public record Product(String id, String merchant, String name, String description, boolean livemode, Instant created) {
}
