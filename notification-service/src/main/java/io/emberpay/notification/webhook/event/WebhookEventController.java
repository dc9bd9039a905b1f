package io.emberpay.notification.webhook.event;

import java.time.Clock;

import io.emberpay.notification.webhook.WebhookEventTypes;
import io.emberpay.notification.webhook.delivery.DeliveryDispatcher;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/events}: a merchant's events, filterable by type and by delivery status
 * ({@code ?delivery_status=undelivered} lists what has not reached it yet), and
 * replayable.
 */
@RestController
@RequestMapping("/v1/events")
class WebhookEventController {

	private final WebhookEventStore events;

	private final TransactionTemplate transactions;

	private final DeliveryDispatcher dispatcher;

	private final Clock clock;

	WebhookEventController(WebhookEventStore events, TransactionTemplate transactions, DeliveryDispatcher dispatcher,
			Clock clock) {
		this.events = events;
		this.transactions = transactions;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	@GetMapping
	ListPage<WebhookEventView> list(Caller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String type,
			@RequestParam(name = "delivery_status", required = false) String deliveryStatus) {
		PageQuery page = PageQuery.of(limit, startingAfter);
		return ListPage.of(
				this.events.list(merchant(caller), caller.livemode(), WebhookEventTypes.checkFilter(type),
						DeliveryStatus.parse(deliveryStatus), page.startingAfter(), page.limit() + 1),
				page.limit(), event -> event);
	}

	@GetMapping("/{id}")
	WebhookEventView get(Caller caller, @PathVariable String id) {
		return this.events.find(merchant(caller), caller.livemode(), id)
			.orElseThrow(() -> ApiException.notFound("event", id));
	}

	@PostMapping("/{id}/redeliver")
	WebhookEventView redeliver(Caller caller, @PathVariable String id) {
		String merchant = merchant(caller);
		WebhookEventView view = this.transactions.execute(status -> {
			this.events.find(merchant, caller.livemode(), id).orElseThrow(() -> ApiException.notFound("event", id));
			if (this.events.redeliver(merchant, id, this.clock.instant()) == 0) {
				throw new ApiException(CommonError.STATE_CONFLICT,
						"No enabled webhook endpoint subscribes to this event's type");
			}
			return this.events.find(merchant, caller.livemode(), id).orElseThrow();
		});
		this.dispatcher.wake();
		return view;
	}

	private static String merchant(Caller caller) {
		if (!caller.isMerchant()) {
			throw new ApiException(CommonError.FORBIDDEN, "Events belong to merchants");
		}
		return caller.id();
	}

}
