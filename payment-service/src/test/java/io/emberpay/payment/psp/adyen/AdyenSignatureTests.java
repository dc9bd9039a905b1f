package io.emberpay.payment.psp.adyen;

import java.io.InputStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the examples Adyen publishes: its documentation's worked example (key, signed
 * string, signature) and the example notifications of its Java library.
 */
class AdyenSignatureTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Adyen's REPORT_AVAILABLE example (HMACValidatorTest.testValidateHMAC). */
	static final String REPORT_KEY = "9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6";

	static final String REPORT_ITEM = """
			{"additionalData": {"hmacSignature": "NuEkADFmlCC6VgX+wcoPAegIWxVPNBPCuKlM4Hzo5qc="},
			 "amount": {"currency": "EUR", "value": "0"}, "eventCode": "REPORT_AVAILABLE",
			 "eventDate": "2019-11-20T14:35:36+01:00", "merchantAccountCode": "Magento2Rik",
			 "merchantReference": "testMerchantRef1", "pspReference": "test_REPORT_AVAILABLE",
			 "reason": "will contain the url to the report", "success": "true"}""";

	/** Adyen's AUTHORISATION example, with slashes and a colon in the reference. */
	static final String AUTHORISATION_KEY = "74F490DD33F7327BAECC88B2947C011FC02D014A473AAA33A8EC93E4DC069174";

	static JsonNode authorisationItem() throws Exception {
		try (InputStream in = AdyenSignatureTests.class.getResourceAsStream("/adyen/hmac-validation-webhook.json")) {
			return JSON.readTree(in);
		}
	}

	/** Adyen's documentation example ({@code /adyen/README.md}). */
	static final String DOCS_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

	static JsonNode docsItem() throws Exception {
		try (InputStream in = AdyenSignatureTests.class.getResourceAsStream("/adyen/docs-hmac-example.json")) {
			return JSON.readTree(in);
		}
	}

	@Test
	void adyensDocumentedExampleSignsTheDocumentedStringToTheDocumentedSignature() throws Exception {
		JsonNode item = docsItem();

		assertThat(AdyenSignature.signed(item))
			.isEqualTo("7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true");
		assertThat(AdyenSignature.sign(item, DOCS_KEY)).isEqualTo("coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=");
		assertThat(AdyenSignature.verify(item, DOCS_KEY)).isTrue();
		assertThat(AdyenSignature.verify(item, AUTHORISATION_KEY)).isFalse();
	}

	@Test
	void adyensPublishedExamplesVerify() throws Exception {
		assertThat(AdyenSignature.verify(JSON.readTree(REPORT_ITEM), REPORT_KEY)).isTrue();
		assertThat(AdyenSignature.verify(authorisationItem(), AUTHORISATION_KEY)).isTrue();
	}

	@Test
	void anotherKeyOrAChangedFieldDoesNotVerify() throws Exception {
		ObjectNode changed = (ObjectNode) authorisationItem();
		((ObjectNode) changed.get("amount")).put("value", 100000);

		assertThat(AdyenSignature.verify(JSON.readTree(REPORT_ITEM), AUTHORISATION_KEY)).isFalse();
		assertThat(AdyenSignature.verify(changed, AUTHORISATION_KEY)).isFalse();
	}

	@Test
	void anUnsignedItemDoesNotVerify() throws Exception {
		ObjectNode unsigned = (ObjectNode) authorisationItem();
		((ObjectNode) unsigned.get("additionalData")).remove("hmacSignature");

		assertThat(AdyenSignature.verify(unsigned, AUTHORISATION_KEY)).isFalse();
	}

}
