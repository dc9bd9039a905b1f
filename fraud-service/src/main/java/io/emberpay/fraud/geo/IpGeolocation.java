package io.emberpay.fraud.geo;

import java.util.Optional;

/**
 * Resolves an IP address to a location. The bundled table serves local runs and tests;
 * production declares its own bean of this type backed by a real geolocation database.
 */
public interface IpGeolocation {

	/** The location of {@code ip} (a canonical IP literal), or empty when unknown. */
	Optional<IpLocation> locate(String ip);

}
