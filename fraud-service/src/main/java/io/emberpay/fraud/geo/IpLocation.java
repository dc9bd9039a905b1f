package io.emberpay.fraud.geo;

import java.util.Objects;

/** Where an IP address is: its country (ISO 3166 alpha-2) and approximate coordinates. */
public record IpLocation(String country, double latitude, double longitude) {

	private static final double EARTH_RADIUS_KM = 6371.0;

	public IpLocation {
		Objects.requireNonNull(country, "country");
		if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
			throw new IllegalArgumentException("coordinates out of range");
		}
	}

	/** Great-circle distance by the haversine formula. */
	public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLon = Math.toRadians(lon2 - lon1);
		double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
				* Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
	}

}
