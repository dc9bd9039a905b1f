package io.emberpay.gateway.docs;

import java.time.Duration;

import io.emberpay.errors.ErrorCatalogue;
import io.emberpay.gateway.config.ServiceDirectory;
import io.emberpay.gateway.problem.GatewayError;
import io.emberpay.gateway.problem.ProblemWriter;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v3/api-docs}: the merged public API document; {@code GET
 * /v3/api-docs/{service}}: one service's. Swagger UI ({@code /swagger-ui.html}) offers
 * both.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

	@Bean
	ApiDocsCatalogue apiDocsCatalogue(ServiceDirectory directory, ErrorCatalogue errors) {
		return new ApiDocsCatalogue(directory, WebClient.create(), new PublicContract(errors));
	}

	@Bean
	RouterFunction<ServerResponse> apiDocsRouterFunction(ApiDocsCatalogue catalogue) {
		return RouterFunctions
			.route(RequestPredicates.GET("/v3/api-docs"),
					request -> catalogue.merged().flatMap(document -> json(document)))
			.andRoute(RequestPredicates.GET("/v3/api-docs/{service}"), request -> service(catalogue, request));
	}

	private static Mono<ServerResponse> service(ApiDocsCatalogue catalogue, ServerRequest request) {
		String name = request.pathVariable("service");
		if (!catalogue.services().contains(name)) {
			return ProblemWriter.write(request.exchange(), GatewayError.NOT_FOUND, "No such service", null)
				.then(Mono.empty());
		}
		return catalogue.service(name)
			.flatMap(ApiDocsRoutes::json)
			.onErrorResume(ex -> ProblemWriter
				.write(request.exchange(), GatewayError.SERVICE_UNAVAILABLE,
						"The " + name + " service did not serve its API docs", Duration.ofSeconds(5))
				.then(Mono.empty()));
	}

	private static Mono<ServerResponse> json(Object document) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(document);
	}

}
