package io.emberpay.console.webhooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.gateway.GatewayApi;
import io.emberpay.console.signin.ConsoleSession;
import io.emberpay.console.signin.SignedInApi;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhook portal: the merchant's endpoints, their event types and signing secret,
 * each endpoint's delivery attempts (with what was sent and answered), a replay of an
 * endpoint's failed events of a range, and the events with their delivery state, which
 * can be sent again.
 */
@Controller
class WebhooksController {

	/** The event types of docs/api.md a merchant may subscribe to. */
	static final List<String> EVENT_TYPES = List.of("payment.requires_action", "payment.authorized", "payment.captured",
			"payment.succeeded", "payment.failed", "payment.canceled", "refund.succeeded", "fraud.alert");

	private static final Set<String> DELIVERY_STATUSES = Set.of("delivered", "pending", "failed", "none",
			"undelivered");

	private final SignedInApi api;

	WebhooksController(SignedInApi api) {
		this.api = api;
	}

	@GetMapping("/webhooks")
	String endpoints(@AuthenticationPrincipal ConsoleSession session, Model model) {
		model.addAttribute("endpoints", GatewayApi
			.data(this.api.get(session, uri -> uri.path("/v1/webhook_endpoints").queryParam("limit", 100).build())));
		model.addAttribute("eventTypes", EVENT_TYPES);
		return "webhooks";
	}

	@PostMapping("/webhooks")
	String create(@AuthenticationPrincipal ConsoleSession session, @RequestParam(defaultValue = "") String url,
			@RequestParam(name = "events", required = false) List<String> events,
			@RequestParam(defaultValue = "") String description, Model model, RedirectAttributes redirect) {
		List<String> chosen = (events == null || events.isEmpty()) ? List.of("*")
				: events.stream().filter(e -> e.equals("*") || EVENT_TYPES.contains(e)).toList();
		Map<String, Object> endpoint;
		try {
			endpoint = this.api.post(session, "/v1/webhook_endpoints", body(url.strip(), chosen, description.strip()),
					null);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400 && problem.status() != 409) {
				throw problem;
			}
			model.addAttribute("error", problem.getMessage());
			model.addAttribute("url", url);
			return endpoints(session, model);
		}
		redirect.addFlashAttribute("notice", "The endpoint was added. Copy its signing secret now: it is shown once.");
		redirect.addFlashAttribute("secret", endpoint.get("secret"));
		return "redirect:/webhooks/" + endpoint.get("id");
	}

	@GetMapping("/webhooks/{id}")
	String endpoint(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id, Model model) {
		model.addAttribute("endpoint", this.api.get(session, "/v1/webhook_endpoints/{id}", id));
		model.addAttribute("attempts", GatewayApi.data(this.api.get(session,
				uri -> uri.path("/v1/webhook_endpoints/{id}/attempts").queryParam("limit", 50).build(id))));
		ReplayRange lastDay = ReplayRange.lastDay();
		model.addAttribute("replayFrom", lastDay.fromField());
		model.addAttribute("replayTo", lastDay.toField());
		return "webhook";
	}

	/**
	 * The confirmation step of "Replay failed events": the range read back, in UTC,
	 * before anything is queued. The form on the endpoint page defaults to the last 24
	 * hours.
	 */
	@GetMapping("/webhooks/{id}/replay")
	String confirmReplay(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model) {
		Map<String, Object> endpoint = this.api.get(session, "/v1/webhook_endpoints/{id}", id);
		return replayConfirmation(model, endpoint, from, to, UUID.randomUUID().toString(), null);
	}

	/**
	 * Queues the endpoint's failed events of the range again, with an idempotency key
	 * minted on the confirmation page, so a double submit queues them once.
	 */
	@PostMapping("/webhooks/{id}/replay")
	String replay(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(name = "idempotency_key", defaultValue = "") String idempotencyKey, Model model,
			RedirectAttributes redirect) {
		Map<String, Object> endpoint = this.api.get(session, "/v1/webhook_endpoints/{id}", id);
		Optional<ReplayRange> range = ReplayRange.of(from, to);
		if (range.isEmpty()) {
			return replayConfirmation(model, endpoint, from, to, UUID.randomUUID().toString(),
					"Enter both times as year-month-day and hours:minutes, in UTC.");
		}
		String key = (idempotencyKey.length() >= 16 && idempotencyKey.length() <= 64) ? idempotencyKey
				: UUID.randomUUID().toString();
		Map<String, Object> replay;
		try {
			replay = this.api.post(session, "/v1/webhook_endpoints/{id}/replays", range.get().body(), key, id);
		}
		catch (ApiProblem problem) {
			if (problem.status() != 400 && problem.status() != 409) {
				throw problem;
			}
			return replayConfirmation(model, endpoint, from, to, UUID.randomUUID().toString(), problem.getMessage());
		}
		Object queued = replay.get("events_queued");
		redirect.addFlashAttribute("notice", queued + (Integer.valueOf(1).equals(queued) ? " event" : " events")
				+ " queued for delivery again."
				+ (Boolean.TRUE.equals(replay.get("has_more"))
						? " The range holds more failed events than one replay takes (1000): replay it again for the rest."
						: ""));
		return "redirect:/webhooks/" + id;
	}

	private static String replayConfirmation(Model model, Map<String, Object> endpoint, String from, String to,
			String idempotencyKey, String error) {
		ReplayRange defaults = ReplayRange.lastDay();
		model.addAttribute("endpoint", endpoint);
		model.addAttribute("from", from.isBlank() ? defaults.fromField() : from);
		model.addAttribute("to", to.isBlank() ? defaults.toField() : to);
		model.addAttribute("idempotencyKey", idempotencyKey);
		model.addAttribute("error", error);
		return "webhook-replay";
	}

	@PostMapping("/webhooks/{id}/rotate")
	String rotate(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			RedirectAttributes redirect) {
		Map<String, Object> rotated = this.api.post(session, "/v1/webhook_endpoints/{id}/rotate_secret", null, null,
				id);
		redirect.addFlashAttribute("notice",
				"The secret was rotated. The old one keeps signing for 24 hours beside the new one.");
		redirect.addFlashAttribute("secret", rotated.get("secret"));
		return "redirect:/webhooks/" + id;
	}

	@PostMapping("/webhooks/{id}/test")
	String sendTestEvent(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			RedirectAttributes redirect) {
		Map<String, Object> event = this.api.post(session, "/v1/webhook_endpoints/{id}/test_event", null, null, id);
		redirect.addFlashAttribute("notice", "Test event " + event.get("id")
				+ " is on its way to this endpoint. Its delivery appears below within seconds; reload to see it.");
		return "redirect:/webhooks/" + id;
	}

	@PostMapping("/webhooks/{id}/state")
	String state(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean disabled, RedirectAttributes redirect) {
		this.api.post(session, "/v1/webhook_endpoints/{id}", Map.of("disabled", disabled), null, id);
		redirect.addFlashAttribute("notice", disabled ? "The endpoint is disabled." : "The endpoint is enabled.");
		return "redirect:/webhooks/" + id;
	}

	@PostMapping("/webhooks/{id}/delete")
	String delete(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			RedirectAttributes redirect) {
		this.api.delete(session, "/v1/webhook_endpoints/{id}", id);
		redirect.addFlashAttribute("notice", "The endpoint was deleted.");
		return "redirect:/webhooks";
	}

	@GetMapping("/events")
	String events(@AuthenticationPrincipal ConsoleSession session,
			@RequestParam(name = "delivery_status", required = false) String deliveryStatus, Model model) {
		String status = (deliveryStatus != null && DELIVERY_STATUSES.contains(deliveryStatus)) ? deliveryStatus : null;
		model.addAttribute("events", GatewayApi.data(this.api.get(session, uri -> {
			uri.path("/v1/events").queryParam("limit", 50);
			if (status != null) {
				uri.queryParam("delivery_status", status);
			}
			return uri.build();
		})));
		model.addAttribute("deliveryStatus", status);
		model.addAttribute("deliveryStatuses", DELIVERY_STATUSES.stream().sorted().toList());
		return "events";
	}

	@PostMapping("/events/{id}/redeliver")
	String redeliver(@AuthenticationPrincipal ConsoleSession session, @PathVariable String id,
			RedirectAttributes redirect) {
		try {
			this.api.post(session, "/v1/events/{id}/redeliver", null, null, id);
			redirect.addFlashAttribute("notice", "The event is queued for delivery again.");
		}
		catch (ApiProblem problem) {
			if (problem.status() != 409) {
				throw problem;
			}
			redirect.addFlashAttribute("error",
					"No enabled endpoint listens to this event's type. Add or enable one, " + "then send it again.");
		}
		return "redirect:/events";
	}

	private static Map<String, Object> body(String url, List<String> events, String description) {
		return description.isEmpty() ? Map.of("url", url, "events", events)
				: Map.of("url", url, "events", events, "description", description);
	}

}
