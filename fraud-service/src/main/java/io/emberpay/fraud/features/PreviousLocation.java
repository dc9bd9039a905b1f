package io.emberpay.fraud.features;

import java.time.Instant;

/** Where the user's latest earlier located payment came from. */
public record PreviousLocation(String country, double latitude, double longitude, Instant occurredAt) {

}
