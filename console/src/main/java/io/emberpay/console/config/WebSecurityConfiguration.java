package io.emberpay.console.config;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may open which page, and the browser protections of every answer: the signed-in
 * person lives in the server-side session; every form carries a CSRF token; the
 * Content-Security-Policy lets only our own scripts and styles run, never inline ones.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			+ "base-uri 'none'; object-src 'none'";

	/**
	 * A relative redirect: the browser reached the console through the gateway, so an
	 * absolute one built from this server's own host and port would lead it past the
	 * gateway.
	 */
	private static LoginUrlAuthenticationEntryPoint signIn() {
		LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/sign-in?expired");
		entryPoint.setFavorRelativeUris(true);
		return entryPoint;
	}

	/**
	 * An operator account without TOTP that opens any other page is sent to set it up: a
	 * bare "not allowed" would leave it at a dead end. Actions (POST) stay refused, and
	 * so does everyone else.
	 */
	private static AccessDeniedHandler enrolFirst() {
		AccessDeniedHandler refuse = new AccessDeniedHandlerImpl();
		return (request, response, denied) -> {
			Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
			boolean enrolling = signedIn != null
					&& signedIn.getAuthorities().stream().anyMatch(a -> "ROLE_ENROLLING".equals(a.getAuthority()));
			if (enrolling && HttpMethod.GET.matches(request.getMethod())) {
				// relative, like the sign-in redirect: the browser came through the
				// gateway
				response.sendRedirect(request.getContextPath() + "/enrol");
				return;
			}
			refuse.handle(request, response, denied);
		};
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		return new HttpSessionCsrfTokenRepository();
	}

	@Bean
	SecurityFilterChain console(HttpSecurity http, SecurityContextRepository contexts, CsrfTokenRepository csrf)
			throws Exception {
		http.securityContext(context -> context.securityContextRepository(contexts))
			.csrf(c -> c.csrfTokenRepository(csrf))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/sign-in", "/sign-in/**", "/sign-up", "/assets/**", "/webjars/**", "/error",
						"/actuator/health/**", "/actuator/prometheus", "/invitations/**")
				.permitAll()
				// a team member picks a merchant after signing in, and may switch later
				.requestMatchers("/choose-merchant")
				.hasAnyRole("CHOOSING", "MERCHANT")
				.requestMatchers("/operator/**")
				.hasRole("OPERATOR")
				.requestMatchers("/enrol")
				.hasRole("ENROLLING")
				.requestMatchers("/", "/sign-out")
				.authenticated()
				.anyRequest()
				.hasRole("MERCHANT"))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(signIn()).accessDeniedHandler(enrolFirst()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.frameOptions(frame -> frame.deny()))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable());
		return http.build();
	}

}
