package io.emberpay.auth.account;

import java.time.Instant;
import java.util.List;

/** A user as stored; the password hash never leaves auth-service. */
public record UserAccount(String id, String email, String passwordHash, List<String> roles, Instant createdAt) {
}
