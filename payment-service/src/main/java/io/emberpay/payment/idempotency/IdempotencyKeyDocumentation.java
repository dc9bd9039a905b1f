package io.emberpay.payment.idempotency;

import io.emberpay.starter.idempotency.IdempotencyFilter;
import io.emberpay.starter.idempotency.IdempotencyPaths;
import io.emberpay.starter.idempotency.IdempotencyProperties;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code Idempotency-Key} in the OpenAPI document on exactly the POSTs
 * {@link IdempotencyFilter} handles, required where the filter requires it: the filter
 * reads the header before any controller, so springdoc cannot see it.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyDocumentation {

	@Bean
	OpenApiCustomizer idempotencyKeyHeader(IdempotencyProperties properties) {
		IdempotencyPaths paths = new IdempotencyPaths(properties);
		return (openApi) -> openApi.getPaths().forEach((path, item) -> {
			Operation post = item.getPost();
			if (post == null || !paths.accepts(path)) {
				return;
			}
			boolean required = paths.requires(path);
			post.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER)
				.required(required)
				.description("A key of the client's, unique per intended operation: the same key sent again "
						+ "answers the first result instead of doing the work twice (24 h). Send it again, "
						+ "unchanged, when a response is lost.")
				.schema(new StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)));
		});
	}

}
