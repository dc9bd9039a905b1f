package io.emberpay.psp.fault;

import java.util.LinkedHashMap;
import java.util.Map;

import io.emberpay.psp.Acquirer;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/faults}: make an acquirer slow, flaky or down, and healthy again. */
@RestController
@RequestMapping("/admin/faults")
class FaultController {

	private final FaultInjector injector;

	FaultController(FaultInjector injector) {
		this.injector = injector;
	}

	@GetMapping
	Map<String, FaultSettings> faults() {
		Map<String, FaultSettings> all = new LinkedHashMap<>();
		for (Acquirer acquirer : Acquirer.values()) {
			all.put(acquirer.pathName(), this.injector.settingsOf(acquirer));
		}
		return all;
	}

	@PutMapping("/{psp}")
	FaultSettings configure(@PathVariable Acquirer psp, @Valid @RequestBody FaultSettings settings) {
		return this.injector.configure(psp, settings);
	}

	@DeleteMapping
	ResponseEntity<Void> clear() {
		this.injector.clear();
		return ResponseEntity.noContent().build();
	}

}
