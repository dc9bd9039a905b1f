package io.emberpay.starter.json;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * JSON input is typed strictly: a value of the wrong JSON type is refused, never
 * converted. Jackson would otherwise charge {@code "amount": "100"} as 100, read
 * {@code true} as 1 and {@code "true"} as a boolean. The refusal is a
 * {@code MismatchedInputException} naming the field, which the problem handler answers
 * with a 400 {@code validation_error} and {@code param}.
 */
@AutoConfiguration
public class StrictJsonConfiguration {

	static {
		// A JsonNode field (a wallet's token, a service's part of an export) is any JSON
		// value: without this springdoc documents the node class's own getters as a
		// closed object, and a real request breaks the committed API document.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new Schema<>().description("any JSON value"));
	}

	@Bean
	JsonMapperBuilderCustomizer strictJsonTypes() {
		return (builder) -> builder
			.withCoercionConfig(LogicalType.Integer,
					(config) -> refuse(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Float, CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Float,
					(config) -> refuse(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> refuse(config, CoercionInputShape.String, CoercionInputShape.EmptyString,
							CoercionInputShape.Integer, CoercionInputShape.Float))
			.withCoercionConfig(LogicalType.Textual, (config) -> refuse(config, CoercionInputShape.Integer,
					CoercionInputShape.Float, CoercionInputShape.Boolean));
	}

	private static void refuse(MutableCoercionConfig config, CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}

}
