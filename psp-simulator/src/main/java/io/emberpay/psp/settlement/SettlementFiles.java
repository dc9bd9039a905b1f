package io.emberpay.psp.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.config.PspProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes each acquirer's daily settlement report to
 * {@code <directory>/<psp>-settlement-<yyyy-mm-dd>.csv}, as acquirers drop files for
 * reconciliation: the previous UTC day shortly after midnight UTC, or any day on demand.
 * A file appears whole or not at all (written aside, then moved into place).
 */
@Component
public class SettlementFiles {

	private static final Logger log = LoggerFactory.getLogger(SettlementFiles.class);

	private final SettlementBook book;

	private final Path directory;

	private final Clock clock;

	public SettlementFiles(SettlementBook book, PspProperties properties, Clock clock) {
		this.book = book;
		this.directory = properties.settlement().directory();
		this.clock = clock;
	}

	@Scheduled(cron = "${emberpay.psp.settlement.cron:0 5 0 * * *}", zone = "UTC")
	void writePreviousDay() {
		write(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusDays(1));
	}

	/** Writes (or rewrites) the reports of {@code day} for every acquirer. */
	public List<Path> write(LocalDate day) {
		List<Path> written = new ArrayList<>();
		try {
			Files.createDirectories(this.directory);
			for (Acquirer acquirer : Acquirer.values()) {
				List<SettlementLine> lines = this.book.linesOf(acquirer, day);
				Path target = this.directory.resolve(acquirer.pathName() + "-settlement-" + day + ".csv");
				Path partial = Files.createTempFile(this.directory, acquirer.pathName() + "-", ".csv.part");
				Files.writeString(partial, SettlementCsv.render(lines), StandardCharsets.UTF_8);
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				log.info("Settlement report of {} for {} written: {} lines in {}", acquirer, day, lines.size(), target);
				written.add(target.toAbsolutePath());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the settlement files of " + day, ex);
		}
		return written;
	}

}
