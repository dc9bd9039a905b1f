package io.emberpay.starter.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paginated list: {@code {"object": "list", "data": [...],
 * "has_more": true}}.
 */
public record ListPage<T>(String object, List<T> data, boolean hasMore) {

	public ListPage {
		data = List.copyOf(data);
	}

	/**
	 * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only
	 * tells whether more exist.
	 */
	public static <R, T> ListPage<T> of(List<R> rowsPlusOne, int limit, Function<R, T> mapper) {
		boolean hasMore = rowsPlusOne.size() > limit;
		List<R> rows = hasMore ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
		return new ListPage<>("list", rows.stream().map(mapper).toList(), hasMore);
	}

}
