package io.emberpay.starter.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClientResponseException;

/**
 * The called service answered with an error status; its problem's {@code code},
 * {@code param} and {@code detail} (when it sent one) say why, plus any field a caller
 * needs from the problem body.
 */
public final class ServiceRefused extends RuntimeException {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int status;

	private final JsonNode problem;

	private ServiceRefused(String service, int status, JsonNode problem) {
		super(service + " answered " + status + describe(problem), null, false, false);
		this.status = status;
		this.problem = problem;
	}

	static ServiceRefused of(String service, RestClientResponseException ex) {
		JsonNode problem = null;
		String body = ex.getResponseBodyAsString();
		if (!body.isBlank()) {
			try {
				problem = JSON.readTree(body);
			}
			catch (RuntimeException notJson) {
				problem = null;
			}
		}
		return new ServiceRefused(service, ex.getStatusCode().value(), problem);
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return text("code");
	}

	public String param() {
		return text("param");
	}

	public String detail() {
		return text("detail");
	}

	/** A field of the problem body, or null. */
	public String text(String field) {
		JsonNode node = (this.problem == null) ? null : this.problem.get(field);
		return (node == null || node.isNull()) ? null : node.asString();
	}

	private static String describe(JsonNode problem) {
		JsonNode code = (problem == null) ? null : problem.get("code");
		return (code == null) ? "" : " (" + code.asString() + ")";
	}

}
