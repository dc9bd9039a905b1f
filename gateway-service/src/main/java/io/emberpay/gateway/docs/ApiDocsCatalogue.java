package io.emberpay.gateway.docs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emberpay.gateway.config.ServiceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The services' OpenAPI documents ({@code /v3/api-docs} of each), fetched through
 * loopback or the cluster network and merged. A complete merge is kept for a minute so
 * the docs page cannot turn into load on the services. A service that does not answer,
 * even once asked again, is left out and named in {@code x-unavailable-services}, and
 * such an incomplete merge is kept only for seconds: right after start-up the services
 * are still cold, and the first answer must not stand for a minute.
 */
class ApiDocsCatalogue {

	private static final Logger log = LoggerFactory.getLogger(ApiDocsCatalogue.class);

	private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration KEEP_MERGED = Duration.ofMinutes(1);

	private static final Duration KEEP_INCOMPLETE = Duration.ofSeconds(2);

	private static final int FETCH_RETRIES = 2;

	private static final Duration FIRST_RETRY_AFTER = Duration.ofMillis(250);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ServiceDirectory directory;

	private final WebClient http;

	private final PublicContract contract;

	private final Mono<JsonNode> merged;

	ApiDocsCatalogue(ServiceDirectory directory, WebClient http, PublicContract contract) {
		this.directory = directory;
		this.http = http;
		this.contract = contract;
		this.merged = Mono.defer(this::fetchAndMerge)
			.cache(document -> document.has("x-unavailable-services") ? KEEP_INCOMPLETE : KEEP_MERGED,
					error -> Duration.ZERO, () -> Duration.ZERO);
	}

	Mono<JsonNode> merged() {
		return this.merged;
	}

	/**
	 * One service's public document, or empty for a service the gateway does not know.
	 */
	Mono<JsonNode> service(String name) {
		if (!this.directory.platformServices().contains(name)) {
			return Mono.empty();
		}
		return fetch(name).map(document -> document.<JsonNode>map(OpenApiMerge::publicView)
			.orElseThrow(() -> new IllegalStateException(name + " did not serve its API docs")));
	}

	List<String> services() {
		return this.directory.platformServices();
	}

	private Mono<JsonNode> fetchAndMerge() {
		List<String> names = services();
		return Flux.fromIterable(names)
			.flatMapSequential(name -> fetch(name).map(document -> Map.entry(name, document)))
			.collectList()
			.map(fetched -> {
				Map<String, JsonNode> documents = new LinkedHashMap<>();
				List<String> unavailable = new ArrayList<>();
				fetched.forEach(entry -> entry.getValue()
					.ifPresentOrElse(document -> documents.put(entry.getKey(), document),
							() -> unavailable.add(entry.getKey())));
				return OpenApiMerge.merge(documents, unavailable, this.contract);
			});
	}

	private Mono<Optional<JsonNode>> fetch(String name) {
		String url = this.directory.services().get(name).url() + "/v3/api-docs";
		return this.http.get()
			.uri(url)
			.retrieve()
			.bodyToMono(String.class)
			.timeout(FETCH_TIMEOUT)
			.retryWhen(Retry.backoff(FETCH_RETRIES, FIRST_RETRY_AFTER))
			.map(body -> Optional.of(JSON.readTree(body)).filter(JsonNode::isObject))
			.onErrorResume(ex -> {
				log.warn("Could not fetch the API docs of {} from {}: {}", name, url, ex.toString());
				return Mono.just(Optional.empty());
			});
	}

}
