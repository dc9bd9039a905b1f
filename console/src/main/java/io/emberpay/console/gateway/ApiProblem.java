package io.emberpay.console.gateway;

import java.util.Map;

/**
 * The public API said no: its RFC 9457 problem, kept so a page can tell the person what
 * to do ({@code detail}) and which field was wrong ({@code param}).
 */
public class ApiProblem extends RuntimeException {

	private final int status;

	private final String code;

	private final String param;

	public ApiProblem(int status, String code, String detail, String param) {
		super(detail);
		this.status = status;
		this.code = code;
		this.param = param;
	}

	static ApiProblem of(int status, Map<String, Object> body) {
		if (body == null) {
			return new ApiProblem(status, "http_" + status, "The platform answered " + status + ".", null);
		}
		return new ApiProblem(status, text(body, "code", "http_" + status),
				text(body, "detail", text(body, "title", "The platform answered " + status + ".")),
				text(body, "param", null));
	}

	/** The gateway could not be reached or answered nothing readable. */
	static ApiProblem unreachable(String detail) {
		return new ApiProblem(503, "platform_unreachable", detail, null);
	}

	private static String text(Map<String, Object> body, String key, String fallback) {
		Object value = body.get(key);
		return (value instanceof String s) ? s : fallback;
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String param() {
		return this.param;
	}

	public boolean notFound() {
		return this.status == 404;
	}

	public boolean unauthenticated() {
		return this.status == 401;
	}

}
