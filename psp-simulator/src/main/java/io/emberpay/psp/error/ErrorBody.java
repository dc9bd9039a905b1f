package io.emberpay.psp.error;

/**
 * The JSON body of every error answer: {@code {"status": 409, "code": "invalid_state",
 * "message": "..."}}. Messages never repeat request values, so no card data can leak
 * through them.
 */
public record ErrorBody(int status, String code, String message) {
}
