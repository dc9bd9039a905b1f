package io.emberpay.notification.webhook.endpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.emberpay.events.ResourceIds;
import io.emberpay.notification.NotificationError;
import io.emberpay.notification.config.WebhookProperties;
import io.emberpay.notification.webhook.WebhookEventTypes;
import io.emberpay.notification.webhook.WebhookPayloadVersions;
import io.emberpay.notification.webhook.endpoint.WebhookEndpoint.EndpointStatus;
import io.emberpay.notification.webhook.signing.WebhookSecret;
import io.emberpay.notification.webhook.target.TargetRefused;
import io.emberpay.notification.webhook.target.WebhookTargetPolicy;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a merchant can do with its webhook endpoints. */
@Service
class WebhookEndpoints {

	private final WebhookEndpointStore store;

	private final WebhookTargetPolicy targets;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookEndpoints(WebhookEndpointStore store, WebhookTargetPolicy targets, WebhookProperties properties,
			Clock clock) {
		this.store = store;
		this.targets = targets;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	/**
	 * Registers an endpoint whose deliveries are shaped in {@code apiVersion}, the
	 * version the registration ran in.
	 */
	WebhookEndpointView create(String merchant, boolean livemode, String apiVersion,
			WebhookEndpointRequests.Create request) {
		String url = checkUrl(request.url());
		List<String> events = WebhookEventTypes.checkSubscription(request.events());
		this.store.lockMerchant(merchant);
		if (this.store.countActive(merchant) >= this.properties.maxEndpointsPerMerchant()) {
			throw new ApiException(NotificationError.ENDPOINT_LIMIT_REACHED,
					"A merchant may register at most " + this.properties.maxEndpointsPerMerchant() + " endpoints");
		}
		WebhookSecret secret = WebhookSecret.generate();
		WebhookEndpoint endpoint = new WebhookEndpoint(ResourceIds.next("we"), merchant, url, request.description(),
				events, EndpointStatus.ENABLED, livemode, now());
		this.store.insert(endpoint, secret, WebhookPayloadVersions.pinnable(apiVersion));
		return WebhookEndpointView.of(endpoint, secret.reveal());
	}

	@Transactional(readOnly = true)
	ListPage<WebhookEndpointView> list(String merchant, boolean livemode, PageQuery page) {
		return ListPage.of(this.store.list(merchant, livemode, page.limit() + 1, page.startingAfter()), page.limit(),
				endpoint -> WebhookEndpointView.of(endpoint, null));
	}

	@Transactional(readOnly = true)
	WebhookEndpointView get(String merchant, boolean livemode, String id) {
		return WebhookEndpointView.of(owned(merchant, livemode, id), null);
	}

	@Transactional
	WebhookEndpointView update(String merchant, boolean livemode, String id, WebhookEndpointRequests.Update request) {
		WebhookEndpoint current = this.store.findForUpdate(merchant, livemode, id)
			.orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
		String url = (request.url() != null) ? checkUrl(request.url()) : current.url();
		List<String> events = (request.events() != null) ? WebhookEventTypes.checkSubscription(request.events())
				: current.events();
		String description = (request.description() != null) ? request.description() : current.description();
		EndpointStatus status = current.status();
		if (Boolean.TRUE.equals(request.disabled())) {
			status = EndpointStatus.DISABLED;
		}
		else if (Boolean.FALSE.equals(request.disabled()) && status == EndpointStatus.DISABLED) {
			status = EndpointStatus.ENABLED;
		}
		WebhookEndpoint updated = new WebhookEndpoint(id, merchant, url, description, events, status,
				current.livemode(), current.created());
		this.store.update(updated, now());
		return WebhookEndpointView.of(updated, null);
	}

	@Transactional
	void delete(String merchant, boolean livemode, String id) {
		this.store.findForUpdate(merchant, livemode, id)
			.orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
		this.store.delete(id, now());
	}

	@Transactional
	WebhookEndpointView rotateSecret(String merchant, boolean livemode, String id) {
		WebhookEndpoint endpoint = this.store.findForUpdate(merchant, livemode, id)
			.orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
		WebhookSecret next = WebhookSecret.generate();
		Instant now = now();
		this.store.rotate(id, next, now.plus(this.properties.secretOverlap()), now);
		return WebhookEndpointView.of(endpoint, next.reveal());
	}

	/**
	 * The merchant's endpoint in the caller's mode: a test key never sees a live endpoint
	 * (404) and a live key never a test one.
	 */
	WebhookEndpoint owned(String merchant, boolean livemode, String id) {
		return this.store.find(merchant, livemode, id).orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
	}

	private String checkUrl(String url) {
		try {
			this.targets.check(url);
			return url;
		}
		catch (TargetRefused refused) {
			throw new ApiException(NotificationError.URL_NOT_ALLOWED, refused.getMessage(), "url");
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
