package io.emberpay.psp.error;

import java.util.Locale;
import java.util.stream.Collectors;

import io.emberpay.psp.Acquirer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every failure as an {@link ErrorBody}. Framework messages are never passed on:
 * they can quote the rejected input, and the input may be a card number.
 */
@RestControllerAdvice
class ErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

	@ExceptionHandler(PspException.class)
	ResponseEntity<ErrorBody> refused(PspException ex) {
		return answer(ex.body());
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ErrorBody> invalidBody(MethodArgumentNotValidException ex) {
		String fields = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(FieldError::getField)
			.map(ErrorAdvice::snakeCase)
			.distinct()
			.sorted()
			.collect(Collectors.joining(", "));
		return answer(PspError.INVALID_REQUEST.body("invalid fields: " + fields));
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ErrorBody> invalidParameter(HandlerMethodValidationException ex) {
		String parameters = ex.getParameterValidationResults()
			.stream()
			.map((result) -> result.getMethodParameter().getParameterName())
			.distinct()
			.collect(Collectors.joining(", "));
		return answer(PspError.INVALID_REQUEST.body("invalid parameters: " + parameters));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException tooLarge) {
				return answer(PspError.PAYLOAD_TOO_LARGE
					.body("request bodies are limited to " + tooLarge.maxBytes() + " bytes"));
			}
		}
		return answer(PspError.MALFORMED_BODY
			.body("the body is missing, is not valid JSON, has unknown fields or values of the wrong type"));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ErrorBody> missingHeader(MissingRequestHeaderException ex) {
		if ("Idempotency-Key".equalsIgnoreCase(ex.getHeaderName())) {
			return answer(PspError.IDEMPOTENCY_KEY_MISSING.body("every mutating call needs an Idempotency-Key header"));
		}
		return answer(PspError.INVALID_REQUEST.body("missing header " + ex.getHeaderName()));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException ex) {
		return answer(PspError.INVALID_REQUEST.body("missing query parameter " + ex.getParameterName()));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException ex) {
		if (ex.getRequiredType() == Acquirer.class) {
			return answer(PspError.UNKNOWN_PSP.body("the acquirers here are psp-a and psp-b"));
		}
		return answer(PspError.INVALID_REQUEST.body("invalid value for " + ex.getName()));
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	ResponseEntity<ErrorBody> noSuchPath(Exception ex) {
		return answer(PspError.NOT_FOUND.body("no such resource"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorBody> wrongMethod(HttpRequestMethodNotSupportedException ex) {
		return answer(PspError.METHOD_NOT_ALLOWED.body("method " + ex.getMethod() + " is not allowed here"));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ErrorBody> wrongMediaType(HttpMediaTypeNotSupportedException ex) {
		return answer(PspError.UNSUPPORTED_MEDIA_TYPE.body("send application/json"));
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return answer(PspError.NOT_ACCEPTABLE.body("this resource cannot be rendered in the requested type"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		// Type and origin only: the message of an unexpected exception may quote request
		// data.
		StackTraceElement[] trace = ex.getStackTrace();
		log.error("Unexpected failure {} at {}", ex.getClass().getName(), (trace.length > 0) ? trace[0] : "?");
		return answer(PspError.INTERNAL_ERROR.body("unexpected failure"));
	}

	/**
	 * Field names as the caller wrote them: {@code card.expMonth} is
	 * {@code card.exp_month}.
	 */
	private static String snakeCase(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	static ResponseEntity<ErrorBody> answer(ErrorBody body) {
		return ResponseEntity.status(HttpStatusCode.valueOf(body.status()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

}
