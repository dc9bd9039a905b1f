package io.emberpay.fraud.geo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BundledIpRangesTests {

	private static BundledIpRanges table(String csv) {
		return BundledIpRanges.load(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void findsTheMostSpecificRange() {
		BundledIpRanges ranges = table("""
				# comment
				10.0.0.0/8,US,39.8,-98.6
				10.1.0.0/16,DE,52.5,13.4
				192.0.2.0/24,GB,51.5,-0.1
				""");

		assertThat(ranges.locate("10.1.2.3")).get().extracting(IpLocation::country).isEqualTo("DE");
		assertThat(ranges.locate("10.2.0.1")).get().extracting(IpLocation::country).isEqualTo("US");
		assertThat(ranges.locate("192.0.2.255")).get().extracting(IpLocation::country).isEqualTo("GB");
		assertThat(ranges.locate("192.0.3.0")).isEmpty();
		assertThat(ranges.locate("2001:db8:0:0:0:0:0:1")).isEmpty();
	}

	@Test
	void refusesMalformedRows() {
		assertThatIllegalArgumentException().isThrownBy(() -> table("10.0.0.0/40,US,0,0"));
		assertThatIllegalArgumentException().isThrownBy(() -> table("10.0.0.0/8,US"));
	}

	@Test
	void bundledTableLocatesTheDocumentationRanges() {
		IpGeolocation bundled = new GeoConfiguration().bundledIpRanges();

		assertThat(bundled.locate("198.51.100.7")).get().extracting(IpLocation::country).isEqualTo("GB");
		assertThat(bundled.locate("203.0.113.7")).get().extracting(IpLocation::country).isEqualTo("US");
	}

}
