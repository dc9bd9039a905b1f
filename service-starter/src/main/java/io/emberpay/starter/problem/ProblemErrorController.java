package io.emberpay.starter.problem;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders what the servlet container sends to {@code /error} (a failure in a filter,
 * before any controller advice can see it) in the one problem shape. A database that is
 * busy or unreachable is a 503 with {@code Retry-After}, as it is inside a controller;
 * anything else uncaught is a bug, logged and answered 500 without internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("/error")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (databaseUnavailable(failure)) {
			log.warn("Database unavailable: {}", failure.getMessage());
			Problems.write(response, CommonError.SERVICE_UNAVAILABLE, ProblemResponses.DATABASE_UNAVAILABLE,
					ProblemResponses.DATABASE_RETRY);
			return;
		}
		if (failure == null && status instanceof Integer code && code == 404) {
			Problems.write(response, CommonError.NOT_FOUND, "No such path", null);
			return;
		}
		if (failure != null) {
			log.error("Unhandled exception", failure);
		}
		Problems.write(response, CommonError.INTERNAL_ERROR, "Something went wrong on our side", null);
	}

	private static boolean databaseUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessException) {
				return true;
			}
		}
		return false;
	}

}
