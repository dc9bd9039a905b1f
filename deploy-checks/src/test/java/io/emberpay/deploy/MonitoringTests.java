package io.emberpay.deploy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus configuration, alert rules with their runbooks, and the Grafana dashboard.
 */
class MonitoringTests {

	private static final String RULES = "monitoring/prometheus/rules/emberpay-alerts.yml";

	private static final String DASHBOARD = "monitoring/grafana/dashboards/emberpay-overview.json";

	private static final String RUNBOOK_PREFIX = "https://github.com/emberpay/emberpay/blob/main/";

	/** Label selectors, grouping clauses and strings: none of them names a metric. */
	private static final Pattern NOT_METRICS = Pattern
		.compile("\\{[^}]*}|\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\"[^\"]*\"");

	/** An identifier with an underscore that is not a function call. */
	private static final Pattern METRIC = Pattern.compile("\\b([a-z][a-z0-9]*_[a-z0-9_]+)\\b(?!\\s*\\()");

	@Test
	void everyAlertHasASeverityASummaryAndARunbookThatExists() {
		List<Map<String, Object>> alerts = alerts();
		assertThat(alerts).extracting((alert) -> alert.get("alert"))
			.contains("EmberpayHighErrorRate", "EmberpayHighLatencyP99", "EmberpayCircuitBreakerOpen",
					"EmberpayOutboxStale", "EmberpayKafkaConsumerLag", "EmberpayWebhookFailures",
					"EmberpayLedgerIntegrity");
		for (Map<String, Object> alert : alerts) {
			String name = (String) alert.get("alert");
			assertThat(String.valueOf(alert.get("expr"))).as("%s expr", name).isNotBlank();
			assertThat(Fields.at(alert, "labels", "severity")).as("%s severity", name).isIn("critical", "warning");
			assertThat(Fields.at(alert, "annotations", "summary")).as("%s summary", name).isNotNull();
			String runbook = String.valueOf(Fields.at(alert, "annotations", "runbook_url"));
			assertThat(runbook).as("%s runbook_url", name).startsWith(RUNBOOK_PREFIX + "docs/runbooks/");
			Path file = RepositoryFiles.resolve(runbook.substring(RUNBOOK_PREFIX.length()));
			assertThat(file).as("runbook of %s", name).isRegularFile();
		}
		assertThat(alerts).extracting((alert) -> alert.get("alert")).doesNotHaveDuplicates();
	}

	@Test
	void alertsWatchTheMetricsTheDashboardShowsAndBothAreInTheMetricsContract() throws Exception {
		String contract = RepositoryFiles.read("docs/deploy.md");
		Set<String> used = new HashSet<>();
		alerts().forEach((alert) -> used.addAll(metricNames(String.valueOf(alert.get("expr")))));
		dashboardExpressions().forEach((expr) -> used.addAll(metricNames(expr)));
		assertThat(used).contains("outbox_oldest_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
				"resilience4j_circuitbreaker_state", "emberpay_payments_total", "fraud_decisions_total",
				"emberpay_ledger_postings_total", "emberpay_ledger_integrity_violations", "emberpay_webhook_backlog");
		assertThat(used).allSatisfy((metric) -> assertThat(contract).as("docs/deploy.md lists %s", metric)
			.contains("`" + baseName(metric) + "`"));
	}

	@Test
	void prometheusLoadsTheRulesAndScrapesEveryServiceOnItsActuator() {
		Map<String, Object> config = RepositoryFiles.readYaml("monitoring/prometheus/prometheus.yml");
		assertThat(Fields.list(config.get("rule_files"))).contains("/etc/prometheus/rules/*.yml");
		Map<String, Object> job = Fields.list(config.get("scrape_configs"))
			.stream()
			.map(Fields::map)
			.filter((j) -> "emberpay".equals(j.get("job_name")))
			.findFirst()
			.orElseThrow();
		assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
		List<Object> targets = Fields.list(Fields.at(job, "static_configs", 0, "targets"));
		assertThat(targets).contains("gateway-service:8080", "auth-service:8081", "payment-service:8082",
				"fraud-service:8083", "ledger-service:8084", "notification-service:8085", "subscription-service:8086",
				"psp-simulator:8090");
	}

	@Test
	void theDashboardIsProvisionedAndEveryPanelQueriesTheProvisionedDatasource() throws Exception {
		Map<String, Object> datasource = Fields
			.map(Fields.at(RepositoryFiles.readYaml("monitoring/grafana/provisioning/datasources/prometheus.yml"),
					"datasources", 0));
		JsonNode dashboard = new ObjectMapper().readTree(RepositoryFiles.read(DASHBOARD));
		assertThat(dashboard.path("uid").asText()).isNotBlank();
		Set<Integer> ids = new HashSet<>();
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
			if (panel.path("type").asText().equals("row")) {
				continue;
			}
			assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(datasource.get("uid"));
			assertThat(panel.path("targets")).as("panel %s", panel.path("title")).isNotEmpty();
			panel.path("targets").forEach((target) -> assertThat(target.path("expr").asText()).isNotBlank());
		}
		assertThat(Fields.at(RepositoryFiles.readYaml("monitoring/grafana/provisioning/dashboards/emberpay.yml"),
				"providers", 0, "options", "path"))
			.isEqualTo("/var/lib/grafana/dashboards");
	}

	@Test
	void theKubernetesPrometheusRuleCarriesExactlyTheComposeRules() {
		Manifest rule = Kustomize.render("k8s/overlays/prod")
			.stream()
			.filter((o) -> "PrometheusRule".equals(o.kind()))
			.findFirst()
			.orElseThrow();
		assertThat(rule.at("spec", "groups")).isEqualTo(RepositoryFiles.readYaml(RULES).get("groups"));
		Manifest monitor = Kustomize.render("k8s/overlays/prod")
			.stream()
			.filter((o) -> "PodMonitor".equals(o.kind()))
			.findFirst()
			.orElseThrow();
		assertThat(monitor.string("spec", "podMetricsEndpoints", 0, "path")).isEqualTo("/actuator/prometheus");
		assertThat(monitor.list("spec", "podMetricsEndpoints", 0, "relabelings"))
			.anySatisfy((relabel) -> assertThat(Fields.at(relabel, "targetLabel")).isEqualTo("service"));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> alerts() {
		return Fields.list(RepositoryFiles.readYaml(RULES).get("groups"))
			.stream()
			.flatMap((group) -> Fields.list(Fields.at(group, "rules")).stream())
			.map((rule) -> (Map<String, Object>) rule)
			.filter((rule) -> rule.containsKey("alert"))
			.toList();
	}

	private static List<String> dashboardExpressions() throws Exception {
		JsonNode dashboard = new ObjectMapper().readTree(RepositoryFiles.read(DASHBOARD));
		return dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
	}

	private static Set<String> metricNames(String expr) {
		Set<String> names = new HashSet<>();
		Matcher matcher = METRIC.matcher(NOT_METRICS.matcher(expr).replaceAll(" "));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * The name a meter registers under: histogram and counter series share their base
	 * name.
	 */
	private static String baseName(String series) {
		return series.replaceAll("_(bucket|count|sum)$", "");
	}

}
