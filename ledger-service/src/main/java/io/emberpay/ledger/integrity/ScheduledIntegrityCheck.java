package io.emberpay.ledger.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the integrity check every {@link IntegrityProperties#interval()}; each run updates
 * the violations gauge. The check reads one snapshot, streaming rows, and never locks
 * writers out.
 */
@Component
class ScheduledIntegrityCheck implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(ScheduledIntegrityCheck.class);

	private final IntegrityCheck check;

	private final IntegrityProperties properties;

	ScheduledIntegrityCheck(IntegrityCheck check, IntegrityProperties properties) {
		this.check = check;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this::run, this.properties.interval(), this.properties.initialDelay()));
	}

	void run() {
		IntegrityReport report = this.check.verify();
		if (!report.ok()) {
			log.error("Ledger integrity check found {} violations up to transaction {}: {}", report.problems().size(),
					report.headSeq(), report.problems());
		}
	}

}
