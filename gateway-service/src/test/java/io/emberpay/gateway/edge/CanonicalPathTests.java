package io.emberpay.gateway.edge;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one decoding every gateway decision sees. Malformed escapes are tested here: HTTP
 * clients refuse to send them, so an end-to-end test could not.
 */
@Tag("security")
class CanonicalPathTests {

	@Test
	void decodesEscapedUnreservedCharactersInEitherCase() {
		assertThat(CanonicalPathFilter.decodeUnreserved("/v1/auth/%6Cogin")).isEqualTo("/v1/auth/login");
		assertThat(CanonicalPathFilter.decodeUnreserved("/%76%31/%6d%65rchants")).isEqualTo("/v1/merchants");
	}

	@Test
	void keepsReservedEscapesEncodedInUpperCase() {
		assertThat(CanonicalPathFilter.decodeUnreserved("/v1/a%2fb%3a")).isEqualTo("/v1/a%2Fb%3A");
	}

	@Test
	void refusesMalformedEscapes() {
		assertThat(CanonicalPathFilter.decodeUnreserved("/v1/auth/%6")).isNull();
		assertThat(CanonicalPathFilter.decodeUnreserved("/v1/auth/%zzogin")).isNull();
		assertThat(CanonicalPathFilter.decodeUnreserved("/v1/auth/login%")).isNull();
	}

}
