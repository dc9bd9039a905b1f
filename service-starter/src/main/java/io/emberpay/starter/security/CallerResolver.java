package io.emberpay.starter.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers take a {@link Caller} parameter, built from the verified JWT. */
class CallerResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
			throw new ApiException(CommonError.UNAUTHENTICATED, "A valid access token is required");
		}
		return fromJwt(jwt);
	}

	static Caller fromJwt(Jwt jwt) {
		String subject = jwt.getSubject();
		Set<String> roles = new HashSet<>(listClaim(jwt, "roles"));
		List<String> amr = listClaim(jwt, "amr");
		boolean livemode = Boolean.TRUE.equals(jwt.getClaimAsBoolean("livemode"));
		Caller.Kind kind;
		if (roles.contains("admin")) {
			kind = Caller.Kind.OPERATOR;
		}
		else if (subject != null && subject.startsWith("mer_")) {
			kind = Caller.Kind.MERCHANT;
		}
		else if (subject != null && subject.startsWith("usr_")) {
			kind = Caller.Kind.USER;
		}
		else {
			throw new ApiException(CommonError.UNAUTHENTICATED, "The token's subject is not a platform principal");
		}
		return new Caller(subject, kind, Set.copyOf(roles), amr, livemode);
	}

	private static List<String> listClaim(Jwt jwt, String name) {
		List<String> values = jwt.getClaimAsStringList(name);
		return (values == null) ? List.of() : values;
	}

}
