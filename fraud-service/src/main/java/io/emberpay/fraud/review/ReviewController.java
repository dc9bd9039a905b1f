package io.emberpay.fraud.review;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fraud review queue for operators: {@code GET /v1/fraud/reviews} lists the payments
 * waiting for a verdict, oldest first; {@code POST /v1/fraud/reviews/{payment}/approve}
 * or {@code /decline} with a note gives it, once, audited.
 */
@RestController
class ReviewController {

	private final ReviewQueue queue;

	ReviewController(ReviewQueue queue) {
		this.queue = queue;
	}

	@GetMapping("/v1/fraud/reviews")
	ListPage<Review> waiting(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		OperatorAccess.require(caller);
		PageQuery page = PageQuery.of(limit, startingAfter);
		return ListPage.of(this.queue.waiting(page.startingAfter(), page.limit()), page.limit(), review -> review);
	}

	@GetMapping("/v1/fraud/reviews/{payment}")
	Review get(Caller caller, @PathVariable String payment) {
		OperatorAccess.require(caller);
		return this.queue.find(payment).orElseThrow(() -> ApiException.notFound("review", payment));
	}

	@PostMapping("/v1/fraud/reviews/{payment}/{verdict}")
	Review decide(Caller caller, @PathVariable String payment, @PathVariable String verdict,
			@Valid @RequestBody VerdictRequest request) {
		OperatorAccess.require(caller);
		Verdict given = Verdict.fromCode(verdict).orElseThrow(() -> ApiException.notFound("action", verdict));
		return this.queue.decide(caller, payment, given, request.note().strip());
	}

	record VerdictRequest(@NotBlank @Size(max = 500) String note) {
	}

}
