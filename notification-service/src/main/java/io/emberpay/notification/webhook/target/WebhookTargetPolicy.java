package io.emberpay.notification.webhook.target;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which URLs webhooks may be sent to, so a merchant cannot make us call our own
 * network (SSRF): https only; no credentials in the URL; IPv4 only in the canonical
 * dotted-quad spelling (decimal, octal, hex and short forms are refused because other
 * parsers read them as internal addresses); no IPv6 literal embedding an IPv4 address;
 * and every address the host resolves to must be public unicast. Checked at registration
 * and again before every attempt, and the attempt connects to the address checked here.
 * Plain http and loopback are allowed only for the configured local host names.
 */
public final class WebhookTargetPolicy {

	private static final int MAX_URL_LENGTH = 2048;

	private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");

	private static final Pattern CANONICAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

	/** IPv4 ranges that are not public unicast (RFC 6890 special-purpose registry). */
	private static final List<Block> BLOCKED_V4 = List.of(new Block("0.0.0.0", 8, "unspecified"),
			new Block("10.0.0.0", 8, "private"), new Block("100.64.0.0", 10, "carrier-grade NAT"),
			new Block("127.0.0.0", 8, "loopback"), new Block("169.254.0.0", 16, "link-local"),
			new Block("172.16.0.0", 12, "private"), new Block("192.0.0.0", 24, "IETF protocol assignment"),
			new Block("192.0.2.0", 24, "documentation"), new Block("192.88.99.0", 24, "6to4 relay"),
			new Block("192.168.0.0", 16, "private"), new Block("198.18.0.0", 15, "benchmarking"),
			new Block("198.51.100.0", 24, "documentation"), new Block("203.0.113.0", 24, "documentation"),
			new Block("224.0.0.0", 4, "multicast"), new Block("240.0.0.0", 4, "reserved"));

	/**
	 * IPv6 ranges that are not public unicast or that tunnel to an IPv4 address.
	 * IPv4-mapped addresses never show up here: the JDK turns them into IPv4 addresses,
	 * checked above.
	 */
	private static final List<Block> BLOCKED_V6 = List.of(new Block("::", 96, "IPv4-compatible or unspecified"),
			new Block("64:ff9b::", 96, "NAT64"), new Block("64:ff9b:1::", 48, "NAT64"),
			new Block("100::", 64, "discard"), new Block("2001::", 32, "Teredo"),
			new Block("2001:db8::", 32, "documentation"), new Block("2002::", 16, "6to4"),
			new Block("fc00::", 7, "unique local"), new Block("fe80::", 10, "link-local"),
			new Block("fec0::", 10, "site-local"), new Block("ff00::", 8, "multicast"));

	private final Set<String> insecureLocalHosts;

	private final HostResolver resolver;

	public WebhookTargetPolicy(List<String> insecureLocalHosts, HostResolver resolver) {
		this.insecureLocalHosts = insecureLocalHosts.stream()
			.map(host -> host.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.resolver = resolver;
	}

	/** Checks a URL's syntax and spelling, without touching the network. */
	public WebhookTarget parse(String url) throws TargetRefused {
		if (url == null || url.isBlank()) {
			throw new TargetRefused("url is required");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw new TargetRefused("url is longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new TargetRefused("url is not a valid absolute URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new TargetRefused("url must use https");
		}
		if (uri.getRawUserInfo() != null) {
			throw new TargetRefused("url must not carry credentials");
		}
		if (uri.getRawFragment() != null) {
			throw new TargetRefused("url must not have a fragment");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new TargetRefused("url must name a host");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		boolean local = this.insecureLocalHosts.contains(host);
		boolean secure = scheme.equals("https");
		if (!secure && !local) {
			throw new TargetRefused("url must use https");
		}
		int port = (uri.getPort() == -1) ? (secure ? 443 : 80) : uri.getPort();
		if (port < 1 || port > 65535) {
			throw new TargetRefused("url has an invalid port");
		}
		InetAddress literal = literal(host);
		String hostName = (literal != null && host.startsWith("[")) ? host.substring(1, host.length() - 1) : host;
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String pathAndQuery = (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
		return new WebhookTarget(secure, hostName, literal, port, pathAndQuery, local);
	}

	/**
	 * Resolves the host and checks every address; answers the one to connect to. A host
	 * that does not resolve and one that resolves to an address we never call get the
	 * same refusal, so neither registration nor the attempt log tells a merchant which
	 * internal names exist.
	 */
	public InetAddress resolve(WebhookTarget target) throws TargetRefused {
		List<InetAddress> addresses;
		if (target.literal() != null) {
			addresses = List.of(target.literal());
		}
		else {
			try {
				addresses = this.resolver.resolve(target.host());
			}
			catch (UnknownHostException ex) {
				throw unreachable(target);
			}
		}
		if (addresses.isEmpty()) {
			throw unreachable(target);
		}
		for (InetAddress address : addresses) {
			String refusal = refusal(address);
			if (refusal != null && !(target.local() && address.isLoopbackAddress())) {
				if (target.literal() != null) {
					// the merchant wrote the address: naming its kind tells nothing new
					throw new TargetRefused("host " + target.host() + " is a " + refusal + " address");
				}
				throw unreachable(target);
			}
		}
		return addresses.get(0);
	}

	/** Parses and resolves in one step, as registration does. */
	private static TargetRefused unreachable(WebhookTarget target) {
		return new TargetRefused("host " + target.host() + " does not resolve to a public address");
	}

	public InetAddress check(String url) throws TargetRefused {
		return resolve(parse(url));
	}

	private static InetAddress literal(String host) throws TargetRefused {
		if (host.startsWith("[")) {
			String inner = host.substring(1, host.length() - 1);
			if (inner.indexOf('.') >= 0 || inner.indexOf('%') >= 0) {
				throw new TargetRefused("IPv6 literals embedding an IPv4 address or a zone are not allowed");
			}
			InetAddress address = parseLiteral(host);
			if (!(address instanceof Inet6Address)) {
				throw new TargetRefused("IPv4-mapped IPv6 literals are not allowed");
			}
			return address;
		}
		String[] labels = host.split("\\.", -1);
		boolean lastNumeric = NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches();
		if (!lastNumeric) {
			return null;
		}
		if (labels.length != 4) {
			throw new TargetRefused("IP addresses must be written as four decimal octets");
		}
		for (String label : labels) {
			if (!CANONICAL_OCTET.matcher(label).matches() || Integer.parseInt(label) > 255) {
				throw new TargetRefused("IP addresses must be written as four decimal octets");
			}
		}
		return parseLiteral(host);
	}

	private static InetAddress parseLiteral(String literal) throws TargetRefused {
		try {
			// a literal is parsed, never looked up
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new TargetRefused("url has an invalid IP address");
		}
	}

	/** Why an address may not be called, or {@code null} for public unicast. */
	static String refusal(InetAddress address) {
		if (address.isAnyLocalAddress()) {
			return "unspecified";
		}
		if (address.isLoopbackAddress()) {
			return "loopback";
		}
		if (address.isLinkLocalAddress()) {
			return "link-local";
		}
		if (address.isSiteLocalAddress()) {
			return "private";
		}
		if (address.isMulticastAddress()) {
			return "multicast";
		}
		List<Block> blocks = (address instanceof Inet4Address) ? BLOCKED_V4 : BLOCKED_V6;
		for (Block block : blocks) {
			if (block.contains(address.getAddress())) {
				return block.kind();
			}
		}
		return null;
	}

	private record Block(byte[] prefix, int bits, String kind) {

		Block {
			if (bits > prefix.length * 8) {
				throw new IllegalArgumentException("prefix length " + bits + " exceeds the address");
			}
		}

		Block(String network, int bits, String kind) {
			this(literalBytes(network), bits, kind);
		}

		private static byte[] literalBytes(String network) {
			try {
				return InetAddress.getByName(network).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(network, ex);
			}
		}

		boolean contains(byte[] address) {
			if (address.length != this.prefix.length) {
				return false;
			}
			int full = this.bits / 8;
			for (int i = 0; i < full; i++) {
				if (address[i] != this.prefix[i]) {
					return false;
				}
			}
			int rest = this.bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[full] & mask) == (this.prefix[full] & mask);
		}

	}

}
