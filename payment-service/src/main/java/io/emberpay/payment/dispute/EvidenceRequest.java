package io.emberpay.payment.dispute;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/disputes/{id} {"evidence": {...}}}: text fields and files (base64),
 * submitted once, before the deadline.
 */
record EvidenceRequest(@NotNull @Valid Evidence evidence) {

	record Evidence(String productDescription, String customerCommunication, String refundPolicy,
			String shippingDocumentation, String uncategorizedText, @Size(max = 10) List<@Valid EvidenceFile> files) {

		@Override
		public String toString() {
			return "Evidence[redacted]";
		}

	}

	record EvidenceFile(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String name,
			@NotNull String contentBase64) {

		@Override
		public String toString() {
			return "EvidenceFile[" + this.name + "]";
		}

	}

}
