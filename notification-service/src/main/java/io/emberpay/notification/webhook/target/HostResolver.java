package io.emberpay.notification.webhook.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution, replaceable so tests can play a DNS that answers private addresses.
 */
@FunctionalInterface
public interface HostResolver {

	HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

	List<InetAddress> resolve(String host) throws UnknownHostException;

}
