package io.emberpay.fraud.thresholds;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators read and set a merchant's decision thresholds. */
@RestController
@RequestMapping("/v1/fraud/merchants/{merchant}/thresholds")
class ThresholdsController {

	private final MerchantThresholds thresholds;

	ThresholdsController(MerchantThresholds thresholds) {
		this.thresholds = thresholds;
	}

	@GetMapping
	ThresholdsView get(Caller caller, @PathVariable String merchant) {
		OperatorAccess.require(caller);
		String id = merchantId(merchant);
		return this.thresholds.stored(id)
			.map(t -> ThresholdsView.of(id, t, false))
			.orElseGet(() -> ThresholdsView.of(id, this.thresholds.defaults(), true));
	}

	@PutMapping
	ThresholdsView put(Caller caller, @PathVariable String merchant, @Valid @RequestBody ThresholdsRequest request) {
		OperatorAccess.require(caller);
		String id = merchantId(merchant);
		if (request.reviewAt() > request.declineAt()) {
			throw ApiException.invalid("review_at", "review_at must not exceed decline_at");
		}
		Thresholds updated = new Thresholds(request.reviewAt(), request.declineAt());
		this.thresholds.update(caller, id, updated);
		return ThresholdsView.of(id, updated, false);
	}

	private static String merchantId(String merchant) {
		if (!merchant.matches("mer_[0-9a-z_]{1,60}")) {
			throw ApiException.invalid("merchant", "'" + merchant + "' is not a merchant id");
		}
		return merchant;
	}

	record ThresholdsRequest(@NotNull @Min(1) @Max(100) Integer reviewAt,
			@NotNull @Min(1) @Max(100) Integer declineAt) {
	}

	record ThresholdsView(String merchant, int reviewAt, int declineAt, boolean isDefault) {

		static ThresholdsView of(String merchant, Thresholds thresholds, boolean isDefault) {
			return new ThresholdsView(merchant, thresholds.reviewAt(), thresholds.declineAt(), isDefault);
		}

	}

}
