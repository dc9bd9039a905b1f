package io.emberpay.starter.problem;

import java.net.URI;
import java.time.Duration;

import io.emberpay.starter.web.RequestId;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the one problem shape of api.md: type, title, status, detail, code, param,
 * request_id.
 */
public final class Problems {

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
			builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		return builder.body(body(error, detail, param));
	}

}
