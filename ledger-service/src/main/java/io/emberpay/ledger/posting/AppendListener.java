package io.emberpay.ledger.posting;

import java.util.List;

/**
 * Told of the transactions an append wrote, inside the same database transaction: what it
 * records commits or rolls back with them, so no movement of money goes unrecorded.
 */
public interface AppendListener {

	void appended(List<PostedTransaction> written);

}
