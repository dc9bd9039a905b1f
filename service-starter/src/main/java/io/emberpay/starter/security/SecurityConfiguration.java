package io.emberpay.starter.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service verifies the caller's JWT itself against auth-service's JWKS (never
 * trusting a header the gateway might have been bypassed to forge): signature
 * (ES256/RS256 only), issuer, audience, expiry and not-before.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ SecurityProperties.class, ServiceIdentityProperties.class })
public class SecurityConfiguration {

	/**
	 * Reachable without a token: probes, metrics and API docs. {@code /internal/**} needs
	 * a service token (or, where the endpoint allows, an MFA operator's) and the
	 * endpoint's {@link InternalCallers} allow-list.
	 */
	private static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health/**", "/actuator/health",
			"/actuator/prometheus", "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
			"/error");

	private static final String INTERNAL = "/internal/**";

	static {
		// A Caller is resolved from the verified token, never sent: undocumented,
		// springdoc
		// would publish it as a required query parameter of every operation that takes
		// one,
		// and the clients generated from docs/openapi.yaml would ask their users for it.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties, ServiceIdentityProperties identity, Environment environment,
			ObjectProvider<SslBundles> sslBundles) {
		JwksTransport.check(properties.jwksUri(), properties.jwksRequireHttps(), environment.matchesProfiles("local"),
				"emberpay.security");
		NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder keys = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
			.jwsAlgorithms(algorithms -> {
				algorithms.add(SignatureAlgorithm.ES256);
				algorithms.add(SignatureAlgorithm.RS256);
			});
		if (properties.jwksSslBundle() != null && !properties.jwksSslBundle().isBlank()) {
			keys.restOperations(JwksTransport.client(properties.jwksSslBundle(), sslBundles));
		}
		NimbusJwtDecoder decoder = keys.build();
		OAuth2TokenValidator<Jwt> audience = TokenAudience.validator(properties.audience(), identity.name());
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(properties.clockSkew()),
				new JwtIssuerValidator(properties.issuer()), audience));
		if (properties.verifiedTokenCacheSize() == 0 || properties.verifiedTokenCacheTtl().isZero()) {
			return decoder;
		}
		return new VerifiedTokens(decoder, properties.verifiedTokenCacheTtl(), properties.verifiedTokenCacheSize(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, JwtDecoder decoder)
			throws Exception {
		List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
		open.addAll(properties.publicPaths());
		open.addAll(properties.foreignBearerPaths());
		BearerTokenResolver ours = new DefaultBearerTokenResolver();
		List<RequestMatcher> foreign = properties.foreignBearerPaths()
			.stream()
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
			.toList();
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.requestMatchers(open.toArray(String[]::new))
				.permitAll()
				.requestMatchers(INTERNAL)
				.authenticated()
				.anyRequest()
				.access(SecurityConfiguration::notAServiceToken))
			.oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(decoder))
				.bearerTokenResolver((request) -> foreign.stream().anyMatch((path) -> path.matches(request)) ? null
						: ours.resolve(request))
				.authenticationEntryPoint(ProblemAuthenticationHandlers.unauthenticated())
				.accessDeniedHandler(ProblemAuthenticationHandlers.forbidden())
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(ProblemAuthenticationHandlers.failed());
						return filter;
					}
				}))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(ProblemAuthenticationHandlers.unauthenticated())
						.accessDeniedHandler(ProblemAuthenticationHandlers.forbidden()));
		return http.build();
	}

	/**
	 * A service token opens {@code /internal} endpoints only: on the public API it is
	 * nobody.
	 */
	private static AuthorizationDecision notAServiceToken(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		boolean allowed = current != null && current.isAuthenticated()
				&& !(current instanceof AnonymousAuthenticationToken)
				&& !(current.getPrincipal() instanceof Jwt jwt && ServiceToken.is(jwt));
		return new AuthorizationDecision(allowed);
	}

	@Bean
	WebMvcConfigurer callerArgument(SecurityProperties properties) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerResolver());
			}

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new InternalCallerCheck())
					.addPathPatterns(INTERNAL)
					.excludePathPatterns(properties.publicPaths());
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceTokens serviceTokens(ServiceIdentityProperties identity) {
		return new ServiceTokens(identity, Clock.systemUTC());
	}

	@Bean
	FilterRegistrationBean<EdgeAddressFilter> edgeAddressFilter(JwtDecoder decoder,
			ServiceIdentityProperties identity) {
		FilterRegistrationBean<EdgeAddressFilter> registration = new FilterRegistrationBean<>(
				new EdgeAddressFilter(decoder, identity.edgeCaller()));
		// after the request id (HIGHEST_PRECEDENCE + 10), before security and every
		// handler
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
