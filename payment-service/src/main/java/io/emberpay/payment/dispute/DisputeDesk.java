package io.emberpay.payment.dispute;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.payment.vault.DocumentVault;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disputes from both sides: the acquirer opens and decides them (from its webhooks), the
 * merchant submits evidence before the deadline or accepts. Every change runs in one
 * transaction with its event through the outbox; the ledger moves the money from the
 * events.
 */
@Service
public class DisputeDesk {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DisputeRepository disputes;

	private final PaymentRepository payments;

	private final DocumentVault documents;

	private final DisputeProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DisputeDesk(DisputeRepository disputes, PaymentRepository payments, DocumentVault documents,
			DisputeProperties properties, TransactionTemplate transactions, Clock clock) {
		this.disputes = disputes;
		this.payments = payments;
		this.documents = documents;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The acquirer opened a dispute of the payment it knows as {@code paymentReference};
	 * answers what became of the notice (a notice for a payment we do not know stays
	 * stored with the caller's webhook record as {@code unknown_payment}).
	 */
	public String opened(String psp, String disputeReference, String paymentReference, long amount, String reason,
			Instant evidenceDueBy) {
		Optional<Payment> payment = this.payments.findByAcquirer(psp, paymentReference);
		if (payment.isEmpty()) {
			return "unknown_payment";
		}
		Payment p = payment.get();
		long disputed = Math.min(amount, p.amountReceived());
		if (disputed <= 0) {
			return "nothing_captured";
		}
		String currency = p.facts().amount().currencyCode();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant dueBy = (evidenceDueBy != null) ? evidenceDueBy : now.plus(this.properties.evidenceWindow());
		Dispute dispute = Dispute.opened(p.id(), p.facts().merchantId(), disputed, this.properties.feeFor(currency),
				currency, reason, psp, disputeReference, dueBy, now, p.facts().livemode());
		return this.disputes.insert(dispute) ? "dispute_opened" : "dispute_known";
	}

	/** The acquirer decided the dispute: won or lost. */
	public String decided(String psp, String disputeReference, boolean won) {
		Optional<Dispute> found = this.disputes.lockByAcquirer(psp, disputeReference);
		if (found.isEmpty()) {
			return "unknown_dispute";
		}
		Dispute dispute = found.get();
		if (dispute.status().isFinal()) {
			return "dispute_already_" + dispute.status().apiName();
		}
		dispute.decided(won, this.clock.instant());
		this.disputes.update(dispute);
		return "dispute_" + dispute.status().apiName();
	}

	DisputeView submitEvidence(String merchantId, boolean livemode, String id, EvidenceRequest request) {
		byte[] document = evidenceDocument(request.evidence());
		return this.transactions.execute(status -> {
			Dispute dispute = this.disputes.lock(merchantId, livemode, id)
				.orElseThrow(() -> ApiException.notFound("dispute", id));
			dispute.evidenceSubmitted(this.clock.instant());
			DocumentVault.SealedDocument sealed = this.documents.seal(id, document);
			this.disputes.storeEvidence(id, document.length, sealed.ciphertext(), sealed.wrappedDataKey(),
					sealed.kekVersion());
			this.disputes.update(dispute);
			return DisputeView.of(dispute);
		});
	}

	DisputeView accept(String merchantId, boolean livemode, String id) {
		return this.transactions.execute(status -> {
			Dispute dispute = this.disputes.lock(merchantId, livemode, id)
				.orElseThrow(() -> ApiException.notFound("dispute", id));
			dispute.accept(this.clock.instant());
			this.disputes.update(dispute);
			return DisputeView.of(dispute);
		});
	}

	DisputeView find(String merchantId, boolean livemode, String id) {
		return DisputeView
			.of(this.disputes.find(merchantId, livemode, id).orElseThrow(() -> ApiException.notFound("dispute", id)));
	}

	ListPage<DisputeView> list(String merchantId, boolean livemode, PageQuery page) {
		return ListPage.of(this.disputes.listForMerchant(merchantId, livemode, page.startingAfter(), page.limit() + 1),
				page.limit(), DisputeView::of);
	}

	/**
	 * The evidence as one JSON document, checked field by field: text within its length,
	 * files valid base64, all of it within the size limit (413 beyond).
	 */
	private byte[] evidenceDocument(EvidenceRequest.Evidence evidence) {
		Map<String, Object> document = new LinkedHashMap<>();
		text(document, "product_description", evidence.productDescription());
		text(document, "customer_communication", evidence.customerCommunication());
		text(document, "refund_policy", evidence.refundPolicy());
		text(document, "shipping_documentation", evidence.shippingDocumentation());
		text(document, "uncategorized_text", evidence.uncategorizedText());
		long fileBytes = 0;
		if (evidence.files() != null) {
			for (int i = 0; i < evidence.files().size(); i++) {
				EvidenceRequest.EvidenceFile file = evidence.files().get(i);
				byte[] content;
				try {
					content = Base64.getDecoder().decode(file.contentBase64());
				}
				catch (IllegalArgumentException ex) {
					throw ApiException.invalid("evidence.files[" + i + "].content_base64", "content is not base64");
				}
				fileBytes += content.length;
				document.put("file:" + i + ":" + file.name(), file.contentBase64());
			}
		}
		if (document.isEmpty()) {
			throw ApiException.invalid("evidence", "evidence needs at least one text field or file");
		}
		byte[] bytes = JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
		if (fileBytes > this.properties.maxEvidenceBytes() || bytes.length > 2L * this.properties.maxEvidenceBytes()) {
			throw new ApiException(CommonError.PAYLOAD_TOO_LARGE,
					"Evidence is limited to " + this.properties.maxEvidenceBytes() + " bytes of files", "evidence");
		}
		return bytes;
	}

	private void text(Map<String, Object> document, String field, String value) {
		if (value == null) {
			return;
		}
		if (value.isBlank() || value.length() > this.properties.maxTextChars()) {
			throw ApiException.invalid("evidence." + field,
					field + " must be 1 to " + this.properties.maxTextChars() + " characters");
		}
		document.put(field, value);
	}

}
