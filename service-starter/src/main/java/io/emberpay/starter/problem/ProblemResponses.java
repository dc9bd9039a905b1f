package io.emberpay.starter.problem;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every failure as an RFC 9457 problem. Anything a client can send maps to a 4xx;
 * only a bug reaches the final handler, which logs it and answers a 500 without
 * internals.
 */
@RestControllerAdvice
public class ProblemResponses {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	/** What a caller is told to wait when the database is busy or unreachable. */
	static final Duration DATABASE_RETRY = Duration.ofSeconds(2);

	static final String DATABASE_UNAVAILABLE = "The service's database is busy or unreachable; retry after the delay given";

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> api(ApiException ex) {
		return Problems.response(ex.error(), ex.getMessage(), ex.param(), ex.retryAfter());
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException ex) {
		FieldError field = ex.getBindingResult().getFieldError();
		if (field == null) {
			return invalid(null,
					ex.getBindingResult()
						.getAllErrors()
						.stream()
						.map(e -> e.getDefaultMessage())
						.collect(Collectors.joining("; ")));
		}
		String param = snakeCase(field.getField());
		return invalid(param, param + " " + field.getDefaultMessage());
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException ex) {
		var result = ex.getParameterValidationResults().isEmpty() ? null : ex.getParameterValidationResults().get(0);
		String param = (result == null) ? null : snakeCase(result.getMethodParameter().getParameterName());
		String message = (result == null || result.getResolvableErrors().isEmpty()) ? "is invalid"
				: result.getResolvableErrors().get(0).getDefaultMessage();
		return invalid(param, (param == null ? "request" : param) + " " + message);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraint(ConstraintViolationException ex) {
		var violation = ex.getConstraintViolations().stream().findFirst().orElse(null);
		String param = (violation == null) ? null : snakeCase(lastNode(violation.getPropertyPath().toString()));
		return invalid(param, (violation == null) ? "invalid request" : param + " " + violation.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return invalid(unknown.getPropertyName(), "Unknown field '" + unknown.getPropertyName() + "'");
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
			String param = path((JacksonException) cause);
			return invalid(param, (param == null) ? "Request body has the wrong shape"
					: "Field '" + param + "' has the wrong type or format");
		}
		if (cause instanceof JacksonException json) {
			String param = path(json);
			return Problems.response(CommonError.MALFORMED_JSON, "Request body is not valid JSON", param, null);
		}
		return Problems.response(CommonError.MALFORMED_JSON, "Request body is missing or unreadable", null, null);
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException ex) {
		if ("Idempotency-Key".equalsIgnoreCase(ex.getHeaderName())) {
			return Problems.response(CommonError.IDEMPOTENCY_KEY_MISSING,
					"This request moves money and needs an Idempotency-Key header", "Idempotency-Key", null);
		}
		return invalid(ex.getHeaderName(), "Header '" + ex.getHeaderName() + "' is required");
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException ex) {
		return invalid(ex.getParameterName(), "Parameter '" + ex.getParameterName() + "' is required");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return invalid(ex.getName(), "Parameter '" + ex.getName() + "' has the wrong type or format");
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> noResource(NoResourceFoundException ex) {
		return Problems.response(CommonError.NOT_FOUND, "No such path", null, null);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException ex) {
		return Problems.response(CommonError.METHOD_NOT_ALLOWED, ex.getMethod() + " is not supported here", null, null);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex) {
		return Problems.response(CommonError.UNSUPPORTED_MEDIA_TYPE, "Send application/json", null, null);
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return Problems.response(CommonError.NOT_ACCEPTABLE, "Accept application/json", null, null);
	}

	/**
	 * The database out of reach or out of connections is a busy or failed dependency, not
	 * a bug: 503 with {@code Retry-After}. Every write happens in one transaction, so a
	 * request refused here left nothing half-done.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return Problems.response(CommonError.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, null, DATABASE_RETRY);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> bug(Exception ex) {
		log.error("Unhandled exception", ex);
		return Problems.response(CommonError.INTERNAL_ERROR, "Something went wrong on our side", null, null);
	}

	private static ResponseEntity<ProblemDetail> invalid(String param, String detail) {
		return Problems.response(CommonError.INVALID_REQUEST, detail, param, null);
	}

	private static String path(JacksonException ex) {
		var path = ex.getPath();
		if (path == null || path.isEmpty()) {
			return null;
		}
		StringBuilder joined = new StringBuilder();
		for (var reference : path) {
			if (reference.getPropertyName() != null) {
				joined.append(joined.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				joined.append('[').append(reference.getIndex()).append(']');
			}
		}
		return joined.isEmpty() ? null : joined.toString();
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return (dot < 0) ? path : path.substring(dot + 1);
	}

	/** Java record components are camelCase; the API's JSON names are snake_case. */
	static String snakeCase(String name) {
		if (name == null) {
			return null;
		}
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
