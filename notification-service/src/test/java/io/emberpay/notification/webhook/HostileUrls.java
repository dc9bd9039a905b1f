package io.emberpay.notification.webhook;

import java.util.List;

/**
 * Webhook URLs that must never be called: wrong schemes, internal addresses in every
 * spelling other parsers accept, IPv6 forms that reach IPv4, credentials. None uses the
 * host 127.0.0.1, which the test context allows for its loopback receivers.
 */
final class HostileUrls {

	static final List<String> ALL = List.of("http://example.com/hook", "ftp://example.com/hook", "file:///etc/passwd",
			"gopher://localhost:6379/_INFO", "javascript:alert(1)", "not a url", "", "https:///no-host",
			"https://localhost/hook", "https://localhost:8085/v1/events", "http://localhost/hook", "https://127.0.0.2/",
			"https://127.255.255.254/", "https://[::1]/", "https://[0:0:0:0:0:0:0:1]/", "https://0.0.0.0/",
			"https://[::]/", "https://0/", "https://10.0.0.1/", "https://10.255.255.255/", "https://172.16.0.1/",
			"https://172.31.255.255/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/",
			"https://169.254.0.1/", "https://100.64.0.1/", "https://100.127.255.254/", "https://224.0.0.1/",
			"https://239.255.255.250/", "https://255.255.255.255/", "https://240.0.0.1/", "https://192.0.2.1/",
			"https://198.18.0.1/", "https://2130706433/", "https://0x7f000001/", "https://0177.0.0.1/",
			"https://0x7f.0.0.1/", "https://127.1/", "https://127.0.1/", "https://017700000001/", "https://3232235777/",
			"https://0xa9fea9fe/", "https://169.254.169.254.:443/", "https://[::ffff:127.0.0.1]/",
			"https://[::ffff:7f00:1]/", "https://[::ffff:169.254.169.254]/", "https://[::ffff:a9fe:a9fe]/",
			"https://[::127.0.0.1]/", "https://[fe80::1]/", "https://[fe80::1%25eth0]/", "https://[fc00::1]/",
			"https://[fd12:3456:789a::1]/", "https://[fec0::1]/", "https://[ff02::1]/", "https://[64:ff9b::7f00:1]/",
			"https://[2002:7f00:1::]/", "https://[2001:db8::1]/", "https://user:secret@example.com/hook",
			"https://example.com@10.0.0.1/", "https://example.com/hook#fragment");

	private HostileUrls() {
	}

}
