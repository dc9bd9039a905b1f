package io.emberpay.gateway.ratelimit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.emberpay.gateway.authentication.Principal;
import io.emberpay.gateway.config.EdgeProperties;
import io.emberpay.gateway.edge.ClientAddressFilter;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Token buckets at the edge: per client IP before authentication (so guessing keys or
 * tokens is throttled before auth-service or the JWT check is asked), much tighter ones
 * per IP on the credential and sign-up endpoints, and per authenticated principal after
 * authentication. Every routed response says where the caller stands in its tightest
 * bucket.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitFilters {

	private static final String OUTCOMES = RateLimitFilters.class.getName() + ".outcomes";

	/**
	 * Guessable secrets (passwords, TOTP codes) are submitted here. Paths are compared
	 * canonical (edge.CanonicalPathFilter ran before), so no spelling escapes a limit.
	 */
	private static final Map<String, HttpMethod> CREDENTIAL_ENDPOINTS = Map.ofEntries(
			Map.entry("/v1/auth/login", HttpMethod.POST), Map.entry("/v1/auth/mfa/verify", HttpMethod.POST),
			Map.entry("/v1/auth/mfa/totp", HttpMethod.POST), Map.entry("/v1/auth/mfa/totp/activate", HttpMethod.POST),
			Map.entry("/v1/auth/mfa/totp/disable", HttpMethod.POST),
			Map.entry("/v1/auth/mfa/totp/recovery_codes", HttpMethod.POST),
			Map.entry("/v1/users/me/password", HttpMethod.POST),
			// link tokens are guessable secrets too; erasure asks for the password
			Map.entry("/v1/auth/password/reset", HttpMethod.POST), Map.entry("/v1/auth/email/verify", HttpMethod.POST),
			Map.entry("/v1/users/me", HttpMethod.DELETE));

	/** Each of these makes something (an account, a merchant, an e-mail to someone). */
	private static final Map<String, HttpMethod> SIGNUP_ENDPOINTS = Map.of("/v1/auth/signup", HttpMethod.POST,
			"/v1/merchants", HttpMethod.POST, "/v1/auth/password/forgot", HttpMethod.POST);

	@Bean
	GlobalFilter clientRateLimitFilter(EdgeProperties properties) {
		EdgeProperties.RateLimits limits = properties.rateLimits();
		RateLimiter perIp = new RateLimiter("per-IP", limits.perIp(), limits.maxTrackedClients());
		RateLimiter credentials = new RateLimiter("credential attempts", limits.credentials(),
				limits.maxTrackedClients());
		RateLimiter signup = new RateLimiter("sign-up", limits.signup(), limits.maxTrackedClients());
		return new OrderedFilter(-300, (exchange, chain) -> {
			String client = ClientAddressFilter.of(exchange);
			List<RateLimiter.Outcome> outcomes = new CopyOnWriteArrayList<>();
			exchange.getAttributes().put(OUTCOMES, outcomes);
			exchange.getResponse().beforeCommit(() -> writeTightest(exchange, outcomes));
			outcomes.add(perIp.consume(client));
			HttpMethod method = exchange.getRequest().getMethod();
			String path = exchange.getRequest().getPath().value();
			if (method.equals(CREDENTIAL_ENDPOINTS.get(path))) {
				outcomes.add(credentials.consume(client));
			}
			if (method.equals(SIGNUP_ENDPOINTS.get(path))) {
				outcomes.add(signup.consume(client));
			}
			return chain.filter(exchange);
		});
	}

	@Bean
	GlobalFilter principalRateLimitFilter(EdgeProperties properties) {
		EdgeProperties.RateLimits limits = properties.rateLimits();
		RateLimiter perPrincipal = new RateLimiter("per-account", limits.perPrincipal(), limits.maxTrackedClients());
		return new OrderedFilter(-100, (exchange, chain) -> {
			Principal principal = Principal.of(exchange);
			List<RateLimiter.Outcome> outcomes = exchange.getAttribute(OUTCOMES);
			if (principal != null) {
				RateLimiter.Outcome outcome = perPrincipal.consume(principal.id());
				if (outcomes != null) {
					outcomes.add(outcome);
				}
			}
			return chain.filter(exchange);
		});
	}

	private static Mono<Void> writeTightest(ServerWebExchange exchange, List<RateLimiter.Outcome> outcomes) {
		// a 429 already carries the headers of the bucket that ran dry
		if (!outcomes.isEmpty() && !HttpStatus.TOO_MANY_REQUESTS.equals(exchange.getResponse().getStatusCode())) {
			RateLimiter.Outcome.tightest(outcomes).headers().forEach(exchange.getResponse().getHeaders()::put);
		}
		return Mono.empty();
	}

	/** A global filter at a fixed place in the chain. */
	private record OrderedFilter(int order, GlobalFilter delegate) implements GlobalFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
			return Mono.defer(() -> this.delegate.filter(exchange, chain));
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
