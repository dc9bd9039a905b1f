package io.emberpay.gateway.errors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.errors.ErrorCatalogue;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /errors/{code}}: the page a problem's {@code type} names, as JSON or, for a
 * browser, as HTML; {@code GET /errors}: every code. Public, like the API docs: these
 * routes are served by the gateway itself, not proxied, so no credential is asked for.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPageRoutes {

	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

	@Bean
	ErrorCatalogue errorCatalogue() {
		return ErrorCatalogue.load();
	}

	@Bean
	RouterFunction<ServerResponse> errorPageRouterFunction(ErrorCatalogue catalogue) {
		return RouterFunctions.route(RequestPredicates.GET("/errors"), (request) -> index(catalogue, request))
			.andRoute(RequestPredicates.GET("/errors/{code}"), (request) -> entry(catalogue, request));
	}

	private static Mono<ServerResponse> index(ErrorCatalogue catalogue, ServerRequest request) {
		if (wantsHtml(request)) {
			return html(ErrorPages.index(catalogue.entries()));
		}
		Map<String, Object> list = new LinkedHashMap<>();
		list.put("object", "list");
		list.put("data", catalogue.entries().stream().map(ErrorPageRoutes::json).toList());
		list.put("has_more", false);
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CACHE).bodyValue(list);
	}

	private static Mono<ServerResponse> entry(ErrorCatalogue catalogue, ServerRequest request) {
		String code = request.pathVariable("code");
		return catalogue.find(code).map((entry) -> {
			if (wantsHtml(request)) {
				return html(ErrorPages.entry(entry));
			}
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CACHE)
				.bodyValue(json(entry));
		})
			.orElseGet(() -> ProblemWriter
				.write(request.exchange(), GatewayError.NOT_FOUND,
						"No error code has this name; GET /errors lists them all", null)
				.then(Mono.empty()));
	}

	/**
	 * HTML when the client prefers it to JSON, as a browser does ({@code text/html,…,*}
	 * {@code /*;q=0.8}); JSON for API clients and for {@code *}{@code /*}.
	 */
	private static boolean wantsHtml(ServerRequest request) {
		double html = 0;
		double json = 0;
		for (MediaType type : request.headers().accept()) {
			if ("text".equals(type.getType()) && "html".equals(type.getSubtype())) {
				html = Math.max(html, type.getQualityValue());
			}
			else if ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json")) {
				json = Math.max(json, type.getQualityValue());
			}
		}
		return html > json;
	}

	private static Mono<ServerResponse> html(String page) {
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CACHE)
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
			.bodyValue(page);
	}

	static Map<String, Object> json(ErrorCatalogue.Entry entry) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("object", "error_code");
		body.put("code", entry.code());
		body.put("type", entry.type());
		body.put("status", entry.status());
		body.put("title", entry.title());
		body.put("meaning", entry.meaning());
		body.put("client_action", entry.clientAction());
		body.put("retryable", entry.retryable());
		return body;
	}

}
