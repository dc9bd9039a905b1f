package io.emberpay.notification.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.emberpay.events.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * auth-service's internal account API as notification-service calls it, on a real
 * loopback HTTP server: {@code GET /internal/v1/users/{id}/contact} and {@code POST
 * /internal/v1/account_links/{id}/issue}. It answers only a service token whose subject
 * is notification-service and whose audience is auth-service, like the real one.
 */
public final class AuthStub {

	private static volatile AuthStub instance;

	private final Map<String, String> contacts = new ConcurrentHashMap<>();

	private final Map<String, Link> links = new ConcurrentHashMap<>();

	private final Map<String, Invitation> invitations = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final URI url;

	private AuthStub(URI url) {
		this.url = url;
	}

	public static AuthStub get() {
		if (instance == null) {
			synchronized (AuthStub.class) {
				if (instance == null) {
					instance = start();
				}
			}
		}
		return instance;
	}

	public URI url() {
		return this.url;
	}

	public void user(String userId, String email) {
		this.contacts.put(userId, email);
	}

	public void erase(String userId) {
		this.contacts.remove(userId);
	}

	/** A link request; each issue answers a new token, recorded in {@link #tokens}. */
	public void link(String linkId, String userId, String purpose) {
		this.links.put(linkId, new Link(userId, purpose, new java.util.concurrent.CopyOnWriteArrayList<>()));
	}

	public java.util.List<String> tokens(String linkId) {
		Link link = this.links.get(linkId);
		return (link != null) ? link.tokens() : this.invitations.get(linkId).tokens();
	}

	/** A team invitation; each issue answers a new token, recorded in {@link #tokens}. */
	public void invitation(String invitationId, String email, String merchantName, String role) {
		this.invitations.put(invitationId,
				new Invitation(email, merchantName, role, new java.util.concurrent.CopyOnWriteArrayList<>()));
	}

	public int issuedCount() {
		return this.issued.get();
	}

	private static AuthStub start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			AuthStub stub = new AuthStub(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
			server.createContext("/internal/v1/", stub::handle);
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!fromNotificationService(exchange.getRequestHeaders().getFirst("Authorization"))) {
				answer(exchange, 401, "{\"code\":\"unauthenticated\"}");
				return;
			}
			String[] path = exchange.getRequestURI().getPath().split("/");
			// /internal/v1/users/{id}/contact or /internal/v1/account_links/{id}/issue
			if (path.length == 6 && path[3].equals("users") && path[5].equals("contact")) {
				String email = this.contacts.get(path[4]);
				answer(exchange, (email != null) ? 200 : 404,
						(email != null) ? "{\"id\":\"" + path[4] + "\",\"email\":\"" + email + "\"}" : "{}");
				return;
			}
			if (path.length == 6 && path[3].equals("account_links") && path[5].equals("issue")
					&& exchange.getRequestMethod().equals("POST")) {
				Link link = this.links.get(path[4]);
				String email = (link != null) ? this.contacts.get(link.user()) : null;
				if (email == null) {
					answer(exchange, 404, "{}");
					return;
				}
				String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID();
				link.tokens().add(token);
				this.issued.incrementAndGet();
				answer(exchange, 200,
						EventCodec.json()
							.writeValueAsString(Map.of("id", path[4], "user", link.user(), "purpose", link.purpose(),
									"email", email, "token", token, "expires_at",
									Instant.now().plusSeconds(1800).toString())));
				return;
			}
			if (path.length == 6 && path[3].equals("invitations") && path[5].equals("issue")
					&& exchange.getRequestMethod().equals("POST")) {
				Invitation invitation = this.invitations.get(path[4]);
				if (invitation == null) {
					answer(exchange, 404, "{}");
					return;
				}
				String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID();
				invitation.tokens().add(token);
				this.issued.incrementAndGet();
				answer(exchange, 200,
						EventCodec.json()
							.writeValueAsString(Map.of("id", path[4], "merchant", "mer_stub", "merchant_name",
									invitation.merchantName(), "email", invitation.email(), "role", invitation.role(),
									"token", token, "expires_at", Instant.now().plusSeconds(7 * 86400).toString())));
				return;
			}
			answer(exchange, 404, "{}");
		}
	}

	private static boolean fromNotificationService(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		String[] parts = authorization.substring(7).split("\\.");
		if (parts.length != 3) {
			return false;
		}
		JsonNode claims = EventCodec.json()
			.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		return "notification-service".equals(claims.path("sub").asString())
				&& claims.path("aud").toString().contains("auth-service");
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private record Link(String user, String purpose, java.util.List<String> tokens) {
	}

	private record Invitation(String email, String merchantName, String role, java.util.List<String> tokens) {
	}

}
