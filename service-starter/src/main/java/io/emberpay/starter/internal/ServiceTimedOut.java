package io.emberpay.starter.internal;

/**
 * The called service took the request but did not answer in time: usually it is busy, so
 * callers may treat this apart from a service that is down.
 */
public final class ServiceTimedOut extends ServiceUnreachable {

	ServiceTimedOut(String service, String message, Throwable cause) {
		super(service, message, cause);
	}

}
