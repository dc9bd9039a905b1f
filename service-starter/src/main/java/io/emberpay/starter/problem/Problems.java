package io.emberpay.starter.problem;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.starter.request.RequestId;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the one problem shape of api.md: type, title, status, detail, code, param,
 * request_id.
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	public static ProblemDetail body(ErrorCode error, String detail, String param) {
		ProblemDetail problem = ProblemDetail.forStatus(error.status());
		problem.setType(URI.create("/errors/" + error.code()));
		problem.setTitle(error.title());
		problem.setDetail(detail);
		problem.setProperty("code", error.code());
		if (param != null) {
			problem.setProperty("param", param);
		}
		problem.setProperty("request_id", RequestId.current());
		return problem;
	}

	public static ResponseEntity<ProblemDetail> response(ErrorCode error, String detail, String param,
			Duration retryAfter) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			builder.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
		}
		return builder.body(body(error, detail, param));
	}

	/**
	 * Writes a problem straight to the servlet response, for filters that answer before
	 * any controller (security, admission control).
	 */
	public static void write(HttpServletResponse response, ErrorCode error, String detail, Duration retryAfter)
			throws IOException {
		ProblemDetail problem = body(error, detail, null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.putAll(problem.getProperties());
		response.setStatus(error.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
		}
		JSON.writeValue(response.getOutputStream(), body);
	}

	/** Whole seconds, at least one: RFC 9110's delay-seconds. */
	public static String retryAfterSeconds(Duration retryAfter) {
		return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
	}

}
