package io.emberpay.payment.payment.authorization;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.emberpay.events.Topics;
import io.emberpay.events.fraud.FraudEvent;
import io.emberpay.payment.payment.Payment;
import io.emberpay.payment.payment.PaymentRepository;
import io.emberpay.starter.inbox.EventSubscription;
import io.emberpay.starter.inbox.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies an operator's verdict on a payment in review ({@code fraud.review_decided},
 * through the inbox: once per event, in its transaction). A payment still waiting in
 * review is decided by it: approved, it goes to the acquirer as a passed step-up would
 * (authorized, captured per its capture method, with the usual events and webhooks);
 * declined, it fails with {@code fraud_declined} and the acquirer is never called. A
 * payment that is no longer waiting (its customer passed the step-up first, or it was
 * canceled after {@code action-expiry.review-ttl}) is left as it is: the first to land
 * decides, as with 3-D Secure.
 */
@Component
class ReviewVerdicts implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReviewVerdicts.class);

	private final PaymentRepository payments;

	private final PaymentAuthorizer authorizer;

	// the acquirer is called after the verdict's transaction commits, off the consumer's
	// thread so one slow acquirer does not hold the other verdicts up; a crash between
	// the two leaves the payment processing with nothing sent, which the authorization
	// janitor settles as failed with nothing charged
	private final ExecutorService acquirerCalls = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("review-approved-", 0).factory());

	ReviewVerdicts(PaymentRepository payments, PaymentAuthorizer authorizer) {
		this.payments = payments;
		this.authorizer = authorizer;
	}

	void handle(ReceivedEvent received) {
		if (!(received.event() instanceof FraudEvent.ReviewDecided decided)) {
			return;
		}
		Optional<Payment> found = this.payments.lock(decided.payment());
		if (found.isEmpty()) {
			log.warn("Verdict {} names payment {}, which is not here", decided.eventId(), decided.payment());
			return;
		}
		Payment payment = found.get();
		if (!payment.awaitsReview()) {
			log.info("Verdict '{}' on payment {} changes nothing: it is {} already", decided.verdict(), payment.id(),
					payment.status().apiName());
			return;
		}
		switch (decided.verdict()) {
			case "approve" -> {
				payment.reviewApproved();
				this.payments.update(payment);
				afterCommit(() -> this.acquirerCalls.execute(() -> sendApproved(payment)));
			}
			case "decline" -> {
				payment.reviewDeclined();
				this.payments.update(payment);
			}
			default -> log.warn("Verdict {} on payment {} is '{}', which this build does not know; left waiting",
					decided.eventId(), payment.id(), decided.verdict());
		}
	}

	private void sendApproved(Payment payment) {
		try {
			PaymentAuthorizer.Attempt attempt = this.authorizer.afterReviewApproval(payment);
			log.info("Payment {} approved in review is {}", payment.id(), attempt.payment().status().apiName());
		}
		catch (RuntimeException ex) {
			// the payment is processing: the janitor asks the acquirers by its key
			log.warn("Payment {} approved in review could not be sent yet: {}", payment.id(), ex.getMessage());
		}
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

	@Override
	public void destroy() {
		this.acquirerCalls.close();
	}

	@Configuration(proxyBeanMethods = false)
	static class Subscription {

		@Bean
		EventSubscription reviewVerdictSubscription(ReviewVerdicts verdicts) {
			return EventSubscription.of("payment-service.reviews", List.of(Topics.FRAUD), verdicts::handle,
					FraudEvent.ReviewDecided.class);
		}

	}

}
