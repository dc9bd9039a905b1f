package io.emberpay.ledger.balance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.emberpay.ledger.posting.Posting;
import io.emberpay.starter.problem.ApiException;

/**
 * The public id of a ledger entry, {@code ent_<chain position>_<leg>}: the entry's key in
 * the database, so a page cursor needs no lookup of its own.
 */
record EntryName(long transactionSeq, int leg) {

	private static final Pattern FORM = Pattern.compile("ent_([1-9][0-9]{0,17})_([1-9][0-9]{0,2})");

	static EntryName parse(String id) {
		Matcher matcher = FORM.matcher(id);
		if (matcher.matches()) {
			int leg = Integer.parseInt(matcher.group(2));
			if (leg <= Posting.MAX_LEGS) {
				return new EntryName(Long.parseLong(matcher.group(1)), leg);
			}
		}
		throw ApiException.invalid("starting_after", "starting_after must be an entry id such as ent_42_1");
	}

	@Override
	public String toString() {
		return "ent_" + this.transactionSeq + "_" + this.leg;
	}

}
