package io.emberpay.gateway.authentication;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Nothing reaches a service on a non-public path without a verified credential: a user
 * JWT is checked against auth-service's published keys and forwarded as it is; a merchant
 * secret key is exchanged for a merchant JWT, which is forwarded in its place so the
 * secret never travels further than the edge. Services verify the JWT again.
 */
class EdgeAuthenticationFilter implements GlobalFilter, Ordered {

	/** After the per-IP rate limit, before the per-principal one. */
	static final int ORDER = -200;

	private static final String BEARER = "Bearer ";

	private final UserTokens userTokens;

	private final MerchantKeys merchantKeys;

	EdgeAuthenticationFilter(UserTokens userTokens, MerchantKeys merchantKeys) {
		this.userTokens = userTokens;
		this.merchantKeys = merchantKeys;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (PublicEndpoints.isPublic(request.getMethod(), request.getPath().value())) {
			// apps often attach a stale token to every call, refresh included: public
			// paths ignore it, but for a store's push whose bearer is the store's own
			if (PublicEndpoints.keepsForeignBearer(request.getMethod(), request.getPath().value())) {
				return chain.filter(exchange);
			}
			String bearer = bearer(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
			if (bearer != null && !MerchantKeys.looksLikeSecretKey(bearer)
					&& PublicEndpoints.takesOptionalUser(request.getMethod(), request.getPath().value())) {
				// a user signing a merchant up: a bad token is refused, not silently
				// dropped,
				// or they would get a merchant they are no member of
				return this.userTokens.verify(bearer).flatMap(principal -> {
					if (principal.kind() != Principal.Kind.USER) {
						return chain.filter(withoutCredential(exchange));
					}
					exchange.getAttributes().put(Principal.ATTRIBUTE, principal);
					return chain.filter(withToken(exchange, bearer));
				});
			}
			return chain.filter(withoutCredential(exchange));
		}
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.length() <= BEARER.length()
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Mono.error(CredentialRejected.missing());
		}
		String credential = authorization.substring(BEARER.length()).trim();
		if (MerchantKeys.looksLikeSecretKey(credential)) {
			return this.merchantKeys.exchange(credential).flatMap(merchant -> {
				exchange.getAttributes()
					.put(Principal.ATTRIBUTE, new Principal(merchant.merchant(), Principal.Kind.MERCHANT));
				if (merchant.apiVersion() != null) {
					exchange.getAttributes().put(Principal.PINNED_API_VERSION, merchant.apiVersion());
				}
				return chain.filter(withToken(exchange, merchant.accessToken()));
			});
		}
		return this.userTokens.verify(credential).flatMap(principal -> {
			exchange.getAttributes().put(Principal.ATTRIBUTE, principal);
			// almost every app sends exactly "Bearer <jwt>": then the request goes on
			// unchanged, without another copy of its headers
			boolean asSent = authorization.length() == BEARER.length() + credential.length()
					&& authorization.startsWith(BEARER);
			return chain.filter(asSent ? exchange : withToken(exchange, credential));
		});
	}

	private static String bearer(String authorization) {
		if (authorization == null || authorization.length() <= BEARER.length()
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		return authorization.substring(BEARER.length()).trim();
	}

	private static ServerWebExchange withoutCredential(ServerWebExchange exchange) {
		if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return exchange;
		}
		return exchange.mutate()
			.request(exchange.getRequest()
				.mutate()
				.headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION))
				.build())
			.build();
	}

	private static ServerWebExchange withToken(ServerWebExchange exchange, String token) {
		return exchange.mutate()
			.request(exchange.getRequest()
				.mutate()
				.headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, BEARER + token))
				.build())
			.build();
	}

}
