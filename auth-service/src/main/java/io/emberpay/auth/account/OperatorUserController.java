package io.emberpay.auth.account;

import java.util.List;
import java.util.regex.Pattern;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.security.OperatorAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (with a second factor) find a user by e-mail, lock and unlock the account and
 * revoke its sessions, each with a reason, in the security audit.
 */
@RestController
@Tag(name = "Users (operators)", description = "Find, lock, unlock and sign out users")
class OperatorUserController {

	private static final Pattern USER_ID = Pattern.compile("usr_[A-Za-z0-9_]{1,60}");

	private final AccountLocks locks;

	OperatorUserController(AccountLocks locks) {
		this.locks = locks;
	}

	@GetMapping("/v1/users")
	@Operation(summary = "Operator: find a user by e-mail",
			description = "Answers a list of at most one user: the account with this e-mail, if any.")
	UserList find(@Parameter(hidden = true) Caller caller, @RequestParam(required = false) String email) {
		OperatorAccess.require(caller);
		if (email == null || email.isBlank() || email.length() > 254) {
			throw ApiException.invalid("email", "email must be the e-mail address to look for");
		}
		return new UserList("list", this.locks.findByEmail(email).map(List::of).orElse(List.of()), false);
	}

	@GetMapping("/v1/users/{id}")
	@Operation(summary = "Operator: a user, with its lock and open sessions")
	AccountLocks.OperatorUserView get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
		OperatorAccess.require(caller);
		return this.locks.find(userId(id)).orElseThrow(() -> ApiException.notFound("user", id));
	}

	@PostMapping("/v1/users/{id}/lock")
	@Operation(summary = "Operator: lock an account",
			description = "Its login is refused (403 account_disabled) and every session is revoked until an "
					+ "operator unlocks it; 409 when it is locked already or is the operator's own.")
	AccountLocks.OperatorUserView lock(@Parameter(hidden = true) Caller caller, @PathVariable String id,
			@Valid @RequestBody Reason request) {
		OperatorAccess.require(caller);
		return this.locks.lock(caller.id(), userId(id), request.reason().strip());
	}

	@PostMapping("/v1/users/{id}/unlock")
	@Operation(summary = "Operator: unlock an account an operator locked")
	AccountLocks.OperatorUserView unlock(@Parameter(hidden = true) Caller caller, @PathVariable String id,
			@Valid @RequestBody Reason request) {
		OperatorAccess.require(caller);
		return this.locks.unlock(caller.id(), userId(id), request.reason().strip());
	}

	@PostMapping("/v1/users/{id}/revoke_sessions")
	@Operation(summary = "Operator: sign a user out everywhere",
			description = "Every session is revoked (its refresh token stops working, its access tokens within "
					+ "the gateway's revocation refresh); the password still works.")
	AccountLocks.OperatorUserView revokeSessions(@Parameter(hidden = true) Caller caller, @PathVariable String id,
			@Valid @RequestBody Reason request) {
		OperatorAccess.require(caller);
		return this.locks.revokeSessions(caller.id(), userId(id), request.reason().strip());
	}

	private static String userId(String id) {
		if (!USER_ID.matcher(id).matches()) {
			throw ApiException.notFound("user", id);
		}
		return id;
	}

	/** Why the operator acts: kept with the act in the security audit. */
	record Reason(@NotBlank @Size(max = 500) String reason) {
	}

	record UserList(String object, List<AccountLocks.OperatorUserView> data, boolean hasMore) {
	}

}
