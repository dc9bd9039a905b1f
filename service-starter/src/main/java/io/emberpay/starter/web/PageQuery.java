package io.emberpay.starter.web;

import io.emberpay.starter.problem.ApiException;

/**
 * The {@code limit} and {@code starting_after} of a list request, checked at the edge.
 */
public record PageQuery(int limit, String startingAfter) {

	public static final int MAX_LIMIT = 100;

	public PageQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		if (startingAfter != null && (startingAfter.isBlank() || startingAfter.length() > 64)) {
			throw ApiException.invalid("starting_after", "starting_after must be an object id");
		}
	}

	public static PageQuery of(Integer limit, String startingAfter) {
		return new PageQuery((limit == null) ? 20 : limit, startingAfter);
	}

}
