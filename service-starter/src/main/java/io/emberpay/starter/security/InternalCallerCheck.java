package io.emberpay.starter.security;

import java.util.Arrays;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The allow-list of every {@code /internal} endpoint, checked after the security chain
 * verified the token and before the handler (or its body binding) runs: the caller's
 * service must be named in the endpoint's {@link InternalCallers}, or the endpoint must
 * let MFA operators in and the caller be one. No annotation: nobody.
 */
final class InternalCallerCheck implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Jwt jwt = verifiedToken();
		InternalCallers allowed = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), InternalCallers.class);
		if (allowed == null) {
			allowed = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), InternalCallers.class);
		}
		if (allowed == null) {
			throw new ApiException(CommonError.FORBIDDEN, "This internal endpoint names no callers");
		}
		if (ServiceToken.is(jwt)) {
			if (Arrays.asList(allowed.value()).contains(jwt.getSubject())) {
				return true;
			}
			throw new ApiException(CommonError.FORBIDDEN, "This service may not call this endpoint");
		}
		if (allowed.operators()) {
			OperatorAccess.require(CallerResolver.fromJwt(jwt));
			return true;
		}
		throw new ApiException(CommonError.FORBIDDEN, "Only platform services may call this endpoint");
	}

	private static Jwt verifiedToken() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
			throw new ApiException(CommonError.UNAUTHENTICATED, "A service token is required");
		}
		return jwt;
	}

}
