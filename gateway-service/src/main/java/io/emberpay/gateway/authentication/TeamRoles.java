package io.emberpay.gateway.authentication;

import java.util.Optional;

import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * The roles of a merchant's team members, enforced on their dashboard's merchant tokens
 * before anything is routed: {@code view_only} reads only (GET, HEAD); {@code developer}
 * does everything but the team ({@code /v1/merchants/{id}/invitations}, {@code /members})
 * and payouts (payouts, the payout schedule, external accounts), and reads but does not
 * create, roll or revoke secret keys: a key acts with every power, an admin's and payouts
 * included, so handing developers keys would void both limits; {@code admin} everything.
 * A key's merchant token has no role and passes. A role this edge does not know passes
 * nothing. Paths are canonical here ({@code edge} refused the others).
 */
class TeamRoles implements GlobalFilter, Ordered {

	/** Right after authentication, before the per-principal rate limit. */
	static final int ORDER = EdgeAuthenticationFilter.ORDER + 50;

	private static final String MERCHANTS = "/v1/merchants/";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Principal principal = Principal.of(exchange);
		if (principal == null || principal.memberRole() == null) {
			return chain.filter(exchange);
		}
		Optional<String> refusal = refusal(principal.memberRole(), exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().value());
		return refusal.<Mono<Void>>map(detail -> Mono.error(new GatewayProblem(GatewayError.FORBIDDEN, detail)))
			.orElseGet(() -> chain.filter(exchange));
	}

	/** Why a member with {@code role} may not send this request, if they may not. */
	static Optional<String> refusal(String role, HttpMethod method, String path) {
		return switch (role) {
			case "admin" -> Optional.empty();
			case "developer" -> (isTeam(path) || isPayouts(path))
					? Optional.of("Your role is developer: the team and payouts are for an admin")
					: (isApiKeys(path) && !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method))
							? Optional.of("Your role is developer: a secret key can do everything, so an admin "
									+ "creates, rolls and revokes them")
							: Optional.empty();
			case "view_only" -> (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) ? Optional.empty()
					: Optional.of("Your role is view_only: you may look but not change anything");
			default -> Optional.of("Your role " + role + " is not known here");
		};
	}

	static boolean isTeam(String path) {
		return merchantSubpath(path, "/invitations") || merchantSubpath(path, "/members");
	}

	/** {@code /v1/merchants/{id}<sub>} or below. */
	private static boolean merchantSubpath(String path, String sub) {
		if (!path.startsWith(MERCHANTS)) {
			return false;
		}
		int slash = path.indexOf('/', MERCHANTS.length());
		return slash > 0 && under(path.substring(slash), sub);
	}

	static boolean isApiKeys(String path) {
		return merchantSubpath(path, "/api_keys");
	}

	static boolean isPayouts(String path) {
		return under(path, "/v1/payouts") || under(path, "/v1/payout_schedule") || under(path, "/v1/external_accounts");
	}

	private static boolean under(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

}
