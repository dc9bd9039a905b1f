package io.emberpay.fraud.lists;

import java.util.Locale;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators manage block and allow lists: {@code /v1/fraud/lists/{list}/entries/{value}}.
 */
@RestController
@RequestMapping("/v1/fraud/lists/{list}")
class ListController {

	private final ListStore store;

	private final ListCatalog catalog;

	ListController(ListStore store, ListCatalog catalog) {
		this.store = store;
		this.catalog = catalog;
	}

	@GetMapping("/entries")
	ListPage<ListEntry> list(Caller caller, @PathVariable String list, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		OperatorAccess.require(caller);
		PageQuery page = PageQuery.of(limit, startingAfter);
		return ListPage.of(this.store.page(listName(list), page.startingAfter(), page.limit()), page.limit(),
				entry -> entry);
	}

	@GetMapping("/entries/{value}")
	ListEntry get(Caller caller, @PathVariable String list, @PathVariable String value) {
		OperatorAccess.require(caller);
		ListName name = listName(list);
		return this.store.find(name, value(name, value)).orElseThrow(() -> ApiException.notFound("list entry", value));
	}

	@PutMapping("/entries/{value}")
	ListEntry put(Caller caller, @PathVariable String list, @PathVariable String value,
			@Valid @RequestBody EntryRequest request) {
		OperatorAccess.require(caller);
		ListName name = listName(list);
		ListEntry entry = this.store.put(caller, name, value(name, value),
				ListAction.valueOf(request.action().toUpperCase(Locale.ROOT)), request.reason());
		this.catalog.reload();
		return entry;
	}

	@DeleteMapping("/entries/{value}")
	@ApiResponse(responseCode = "204", description = "Removed")
	ResponseEntity<Void> delete(Caller caller, @PathVariable String list, @PathVariable String value) {
		OperatorAccess.require(caller);
		ListName name = listName(list);
		if (!this.store.remove(caller, name, value(name, value))) {
			throw ApiException.notFound("list entry", value);
		}
		this.catalog.reload();
		return ResponseEntity.noContent().build();
	}

	private static ListName listName(String list) {
		return ListName.fromCode(list).orElseThrow(() -> ApiException.notFound("list", list));
	}

	private static String value(ListName list, String value) {
		return list.normalize(value)
			.orElseThrow(() -> ApiException.invalid("value", "'" + value + "' is not a valid " + list.code()));
	}

	record EntryRequest(@NotNull @Pattern(regexp = "block|allow") String action, @Size(max = 500) String reason) {
	}

}
