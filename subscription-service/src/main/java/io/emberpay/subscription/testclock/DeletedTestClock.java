package io.emberpay.subscription.testclock;

/** The answer to deleting a test clock. */
record DeletedTestClock(String id, String object, boolean deleted) {
}
