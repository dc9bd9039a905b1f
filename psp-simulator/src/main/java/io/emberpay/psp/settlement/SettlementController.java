package io.emberpay.psp.settlement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.emberpay.psp.Acquirer;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Settlement reports: per acquirer and UTC day, as CSV or written to the report folder.
 */
@RestController
class SettlementController {

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final SettlementBook book;

	private final SettlementFiles files;

	SettlementController(SettlementBook book, SettlementFiles files) {
		this.book = book;
		this.files = files;
	}

	@GetMapping("/{psp}/v1/settlements/{day}")
	ResponseEntity<String> report(@PathVariable Acquirer psp,
			@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
		return ResponseEntity.ok().contentType(TEXT_CSV).body(SettlementCsv.render(this.book.linesOf(psp, day)));
	}

	/** Writes the files of {@code day} now instead of waiting for the daily schedule. */
	@PutMapping("/admin/settlements/{day}/files")
	WrittenFiles writeFiles(@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
		return new WrittenFiles(day, this.files.write(day).stream().map(Path::toString).toList());
	}

	record WrittenFiles(LocalDate date, List<String> files) {
	}

}
