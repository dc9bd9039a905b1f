package io.emberpay.console.view;

import io.emberpay.console.gateway.ApiProblem;
import io.emberpay.console.signin.ConsoleSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What every page shows (who is signed in, test or live mode) and what a page shows
 * instead when the API said no: a message that says what to do, with the status the API
 * gave, never a stack trace or a 500.
 */
@ControllerAdvice
class ConsolePages {

	@ModelAttribute("signedIn")
	ConsoleSession signedIn(@AuthenticationPrincipal ConsoleSession session) {
		return session;
	}

	@ExceptionHandler(ApiProblem.class)
	ModelAndView problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response) {
		if (problem.unauthenticated()) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			return new ModelAndView("redirect:/sign-in?expired");
		}
		int status = problem.notFound() ? 404 : Math.max(problem.status(), 400);
		response.setStatus((status >= 500) ? 503 : status);
		ModelAndView page = new ModelAndView("problem");
		page.addObject("title", title(problem));
		page.addObject("detail", problem.notFound()
				? "There is nothing here, or it belongs to another account. Check the link, or go back to the list."
				: problem.getMessage());
		page.addObject("code", problem.code());
		return page;
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ModelAndView badInput(Exception ex, HttpServletResponse response) {
		response.setStatus(400);
		ModelAndView page = new ModelAndView("problem");
		page.addObject("title", "That request was not understood");
		page.addObject("detail",
				"A value in the address or the form is not valid. Go back and check what you entered.");
		page.addObject("code", "invalid_request");
		return page;
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ModelAndView missing(HttpServletResponse response) {
		response.setStatus(404);
		ModelAndView page = new ModelAndView("problem");
		page.addObject("title", "Page not found");
		page.addObject("detail", "There is no such page. Use the menu to find what you need.");
		page.addObject("code", "not_found");
		return page;
	}

	private static String title(ApiProblem problem) {
		return switch (problem.status()) {
			case 404 -> "Not found";
			case 403 -> "Not allowed";
			case 409 -> "Not possible in this state";
			case 429 -> "Too many requests";
			case 503 -> "The platform is busy or unreachable";
			default -> (problem.status() >= 500) ? "Something went wrong on our side" : "That was not accepted";
		};
	}

}
