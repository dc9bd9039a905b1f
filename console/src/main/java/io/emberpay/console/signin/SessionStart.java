package io.emberpay.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Puts a signed-in person into the browser's session: a new session id and CSRF token (no
 * session fixation), and the person's kind for the URL rules.
 */
@Component
class SessionStart {

	private final SecurityContextRepository contexts;

	private final CsrfTokenRepository csrfTokens;

	SessionStart(SecurityContextRepository contexts, CsrfTokenRepository csrfTokens) {
		this.contexts = contexts;
		this.csrfTokens = csrfTokens;
	}

	void start(ConsoleSession session, HttpServletRequest request, HttpServletResponse response) {
		request.getSession();
		request.changeSessionId();
		this.csrfTokens.saveToken(null, request, response);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(session, null,
				AuthorityUtils.createAuthorityList("ROLE_" + session.kind().name())));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

}
