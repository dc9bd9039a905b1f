package io.emberpay.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the gateway in the console's team tests, answering like the API: a
 * member ({@link #MEMBER}) of two merchants' teams who signs in with a password and TOTP
 * and gets merchant tokens; a member of one team; an account without TOTP; the team of
 * merchant A (with its secret key {@link #KEY_A} acting as admin) and of merchant B, each
 * seeing only its own members and invitations.
 */
final class FakeTeamGateway {

	static final String KEY_A = "sk_test_teamaaaaaaaaaaaaaaaaaaaaaa";

	/** Admin of merchant A, developer of merchant B. */
	static final String MEMBER = "member@example.com";

	/** View-only member of merchant A only. */
	static final String VIEWER = "viewer@example.com";

	/** A developer of merchant A whom an admin removes in a test. */
	static final String LEAVER = "leaver@example.com";

	/** A member without TOTP yet. */
	static final String NO_TOTP = "no-totp@example.com";

	/** Invited, not yet a member of any team. */
	static final String INVITED = "invited@example.com";

	static final String TOTP_CODE = "654321";

	/** The token of an invitation sent to {@link #INVITED}. */
	static final String INVITATION_TOKEN = "invitation-token-for-invited";

	/** A member of merchant B only: another merchant's member id for A. */
	static final String B_MEMBER_ID = "usr_b_only";

	static final String B_INVITATION_ID = "inv_of_merchant_b";

	final List<String> requests = new CopyOnWriteArrayList<>();

	final List<String> bodies = new CopyOnWriteArrayList<>();

	/** The merchant tokens of removed members: the API no longer accepts them. */
	final Set<String> revoked = ConcurrentHashMap.newKeySet();

	/** Users removed from every team: no merchant token any more. */
	final Set<String> removed = ConcurrentHashMap.newKeySet();

	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final HttpServer server;

	private FakeTeamGateway(HttpServer server) {
		this.server = server;
	}

	static FakeTeamGateway start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FakeTeamGateway gateway = new FakeTeamGateway(server);
			server.createContext("/", gateway::answer);
			server.start();
			return gateway;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		String auth = exchange.getRequestHeaders().getFirst("Authorization");
		String bearer = (auth == null) ? "" : auth.substring("Bearer ".length());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String key = method + " " + path;
		this.requests.add(key + " " + bearer);
		this.bodies.add(key + " " + body);
		if (key.equals("POST /v1/auth/login")) {
			login(exchange, body);
			return;
		}
		if (key.equals("POST /v1/auth/mfa/verify")) {
			String who = body.replaceAll(".*\"mfa_token\":\"mfa-([a-z]+)\".*", "$1");
			if (body.contains("\"" + TOTP_CODE + "\"")
					&& Set.of("member", "viewer", "invited", "leaver").contains(who)) {
				send(exchange, 200, "{\"access_token\":\"user-" + who + "\",\"refresh_token\":\"refresh-" + who
						+ "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
			}
			else {
				problem(exchange, 401, "mfa_verification_failed");
			}
			return;
		}
		if (key.equals("POST /v1/auth/logout")) {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
			return;
		}
		if (bearer.startsWith("user-")) {
			user(exchange, key, bearer.substring("user-".length()), body);
			return;
		}
		String merchant = this.revoked.contains(bearer) ? null : bearer.equals(KEY_A) ? "a"
				: bearer.startsWith("merchant-a-") ? "a" : bearer.startsWith("merchant-b-") ? "b" : null;
		if (merchant == null) {
			problem(exchange, 401, "unauthenticated");
			return;
		}
		merchant(exchange, key, merchant, body);
	}

	private void login(HttpExchange exchange, String body) throws IOException {
		for (String who : List.of(MEMBER, VIEWER, INVITED, LEAVER)) {
			if (body.contains("\"" + who + "\"")) {
				send(exchange, 200,
						"{\"mfa_required\":true,\"mfa_token\":\"mfa-" + who.substring(0, who.indexOf('@')) + "\"}");
				return;
			}
		}
		if (body.contains("\"" + NO_TOTP + "\"")) {
			send(exchange, 200, "{\"access_token\":\"user-nototp\",\"refresh_token\":\"r\",\"expires_in\":600}");
			return;
		}
		problem(exchange, 401, "invalid_credentials");
	}

	/**
	 * A user's own access token: who they are, their teams, merchant tokens, invitations.
	 */
	private void user(HttpExchange exchange, String key, String who, String body) throws IOException {
		switch (key) {
			case "GET /v1/users/me" -> send(exchange, 200, "{\"id\":\"usr_" + who + "\",\"email\":\"" + who
					+ "@example.com\",\"roles\":[\"user\"],\"mfa_enabled\":" + !who.equals("nototp") + "}");
			case "GET /v1/users/me/merchants" ->
				send(exchange, 200, "{\"object\":\"list\",\"data\":[" + String.join(",", memberships(who).entrySet()
					.stream()
					.map(e -> "{\"object\":\"membership\"," + "\"merchant\":\"mer_" + e.getKey() + "\",\"name\":\"Shop "
							+ e.getKey().toUpperCase() + "\",\"role\":\"" + e.getValue() + "\"}")
					.toList()) + "]}");
			case "POST /v1/auth/merchant_token" -> {
				String merchant = body.replaceAll(".*\"merchant\":\"mer_([a-z]+)\".*", "$1");
				String role = memberships(who).get(merchant);
				if (role == null) {
					problem(exchange, 404, "not_found");
				}
				else if (body.contains("\"livemode\":true")) {
					problem(exchange, 403, "live_mode_not_enabled");
				}
				else {
					send(exchange, 200,
							"{\"access_token\":\"merchant-" + merchant + "-" + who + "-" + role
									+ "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"merchant\":\"mer_" + merchant
									+ "\",\"merchant_name\":\"Shop " + merchant.toUpperCase() + "\",\"livemode\":false,"
									+ "\"role\":\"" + role + "\"}");
				}
			}
			case "POST /v1/merchants/invitations/accept" -> {
				if (!body.contains("\"" + INVITATION_TOKEN + "\"")) {
					problem(exchange, 400, "invalid_invitation");
				}
				else if (!who.equals("invited")) {
					problem(exchange, 403, "invitation_email_mismatch");
				}
				else if (!this.accepted.add(who)) {
					problem(exchange, 409, "invitation_already_accepted");
				}
				else {
					send(exchange, 200, "{\"object\":\"member\",\"merchant\":\"mer_a\",\"user\":\"usr_invited\","
							+ "\"role\":\"developer\"}");
				}
			}
			case "POST /v1/auth/mfa/totp" -> send(exchange, 201,
					"{\"secret\":\"JBSWY3DPEHPK3PXP\",\"otpauth_uri\":\"otpauth://totp/Emberpay:m?secret=JBSWY3DPEHPK3PXP\"}");
			default -> problem(exchange, 404, "not_found");
		}
	}

	private Map<String, String> memberships(String who) {
		return switch (who) {
			case "member" -> new java.util.TreeMap<>(Map.of("a", "admin", "b", "developer"));
			case "viewer" -> Map.of("a", "view_only");
			case "nototp" -> Map.of("a", "developer");
			case "leaver" -> this.removed.contains(who) ? Map.of() : Map.of("a", "developer");
			case "invited" -> this.accepted.contains("invited") ? Map.of("a", "developer") : Map.of();
			default -> Map.of();
		};
	}

	/**
	 * A merchant token (a key's or a member's): payments and the team, own objects only.
	 */
	private void merchant(HttpExchange exchange, String key, String merchant, String body) throws IOException {
		String team = "/v1/merchants/mer_" + merchant;
		String member = merchant.equals("a") ? "usr_member" : B_MEMBER_ID;
		String other = merchant.equals("a") ? "usr_viewer" : "usr_b_second";
		String invitation = merchant.equals("a") ? "inv_of_merchant_a" : B_INVITATION_ID;
		if (key.equals("GET /v1/merchants/me")) {
			send(exchange, 200, "{\"id\":\"mer_" + merchant + "\",\"name\":\"Shop " + merchant.toUpperCase() + "\"}");
		}
		else if (key.equals("GET /v1/payments")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
		}
		else if (key.equals("GET " + team + "/members")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[" + member(merchant, member, "admin") + ","
					+ member(merchant, other, "view_only") + "]}");
		}
		else if (key.equals("GET " + team + "/invitations")) {
			send(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + invitation
					+ "\",\"object\":\"invitation\"," + "\"email\":\"pending-" + merchant
					+ "@example.com\",\"role\":\"developer\",\"status\":\"pending\","
					+ "\"expires_at\":\"2026-12-14T01:02:03Z\"},{\"id\":\"inv_done_" + merchant + "\",\"object\":"
					+ "\"invitation\",\"email\":\"done-" + merchant + "@example.com\",\"role\":\"admin\",\"status\":"
					+ "\"accepted\",\"expires_at\":\"2026-12-14T01:02:03Z\"}]}");
		}
		else if (key.equals("POST " + team + "/invitations")) {
			if (body.contains("\"email\":\"taken@example.com\"")) {
				problem(exchange, 409, "state_conflict");
			}
			else {
				send(exchange, 201, "{\"id\":\"inv_new\",\"object\":\"invitation\",\"status\":\"pending\"}");
			}
		}
		else if (key.equals("POST " + team + "/invitations/" + invitation + "/revoke")) {
			send(exchange, 200, "{\"id\":\"" + invitation + "\",\"status\":\"revoked\"}");
		}
		else if (key.equals("PATCH " + team + "/members/" + member)) {
			problem(exchange, 409, "last_admin");
		}
		else if (key.equals("PATCH " + team + "/members/" + other)) {
			send(exchange, 200, member(merchant, other, "developer"));
		}
		else if (key.equals("DELETE " + team + "/members/" + other)) {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		}
		else {
			problem(exchange, 404, "not_found");
		}
	}

	private static String member(String merchant, String user, String role) {
		return "{\"object\":\"member\",\"merchant\":\"mer_" + merchant + "\",\"user\":\"" + user + "\",\"email\":\""
				+ user + "@example.com\",\"role\":\"" + role + "\",\"added\":\"2026-11-22T01:02:03Z\"}";
	}

	private static void problem(HttpExchange exchange, int status, String code) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		write(exchange, status, "{\"type\":\"/errors/" + code + "\",\"title\":\"" + code + "\",\"status\":" + status
				+ ",\"detail\":\"The platform said " + code + ".\",\"code\":\"" + code + "\"}");
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		write(exchange, status, json);
	}

	private static void write(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
