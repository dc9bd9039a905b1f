package io.emberpay.auth.account;

import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The devices the calling user logged in from; nobody else's. */
@RestController
@Tag(name = "Users", description = "The calling user and their devices")
class DeviceController {

	private final Devices devices;

	DeviceController(Devices devices) {
		this.devices = devices;
	}

	@GetMapping("/v1/users/me/devices")
	@Operation(summary = "Devices the user logged in from, most recent first")
	ListPage<Devices.Device> list(@Parameter(hidden = true) Caller caller) {
		return ListPage.of(this.devices.list(user(caller)), 100, device -> device);
	}

	@DeleteMapping("/v1/users/me/devices/{deviceId}")
	@Operation(summary = "Forget a device: the next login from it counts as a new device")
	@ApiResponse(responseCode = "204", description = "Forgotten")
	ResponseEntity<Void> forget(@Parameter(hidden = true) Caller caller, @PathVariable String deviceId) {
		if (!this.devices.forget(user(caller), deviceId)) {
			throw ApiException.notFound("device", deviceId);
		}
		return ResponseEntity.noContent().build();
	}

	private static String user(Caller caller) {
		if (caller.isMerchant()) {
			throw ApiException.notFound("user", caller.id());
		}
		return caller.id();
	}

}
