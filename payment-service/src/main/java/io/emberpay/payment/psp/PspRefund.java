package io.emberpay.payment.psp;

/** An acquirer's answer about a refund. */
public record PspRefund(String id, String status, long amount) {
}
