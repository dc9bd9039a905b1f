package io.emberpay.local.bench;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Card payments as the shoppers' phones send them: {@code POST /v1/payments} through the
 * gateway with the shopper's token, client address and a fresh Idempotency-Key, bodies
 * encoded once at enrolment. The JDK's HttpClient, asynchronous over HTTP/1.1, on two
 * threads, with at most {@code connections} requests (so connections) in flight: a
 * request due while all are busy waits for one, its latency still counted from when it
 * was due, and gives up unsent after the request timeout.
 */
final class PaymentTraffic {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] SUCCEEDED = "\"status\":\"succeeded\"".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The reason payment-service gives a payment it approved without fraud-service's
	 * score (its fallback when fraud-service does not answer in time).
	 */
	private static final byte[] UNSCREENED = "fraud_service_unavailable".getBytes(StandardCharsets.US_ASCII);

	private final ShopperPopulation shoppers;

	private final URI payments;

	private final HttpClient http;

	private final ExecutorService executor;

	private final Semaphore connections;

	private final ConcurrentLinkedQueue<Due> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicLong arrivals = new AtomicLong();

	private final AtomicLong inFlight = new AtomicLong();

	private final String idempotencyPrefix = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-";

	PaymentTraffic(String gatewayUrl, ShopperPopulation shoppers, int connections) {
		this.shoppers = shoppers;
		this.payments = URI.create(gatewayUrl + "/v1/payments");
		this.executor = Executors.newFixedThreadPool(2, runnable -> {
			Thread thread = new Thread(runnable, "bench-http");
			thread.setDaemon(true);
			return thread;
		});
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(this.executor)
			.build();
		this.connections = new Semaphore(connections);
	}

	/**
	 * Sends the next arrival's payment, due at {@code intended}, and tallies its answer.
	 */
	void send(long intended, Tally tally) {
		long arrival = this.arrivals.getAndIncrement();
		this.inFlight.incrementAndGet();
		if (this.connections.tryAcquire()) {
			dispatch(new Due(arrival, intended, tally));
		}
		else {
			this.waiting.add(new Due(arrival, intended, tally));
			// a connection may have freed between the try and the queueing
			sendWaiting();
		}
	}

	/** Requests sent or waiting whose answer has not come yet. */
	long inFlight() {
		return this.inFlight.get();
	}

	/** Waits up to {@code limit} for every request to be answered. */
	boolean awaitIdle(Duration limit) {
		long until = System.nanoTime() + limit.toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() - until < 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		return this.inFlight.get() == 0;
	}

	private void sendWaiting() {
		while (!this.waiting.isEmpty() && this.connections.tryAcquire()) {
			Due due = this.waiting.poll();
			if (due == null) {
				this.connections.release();
				return;
			}
			if (System.nanoTime() - due.intended() > TIMEOUT.toNanos()) {
				this.connections.release();
				complete(due, Tally.Answer.failure("gave_up"));
				continue;
			}
			dispatch(due);
		}
	}

	private void dispatch(Due due) {
		ShopperPopulation.Shopper shopper = this.shoppers.forArrival(due.arrival());
		HttpRequest request = HttpRequest.newBuilder(this.payments)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Authorization", this.shoppers.bearer(shopper))
			.header("X-Forwarded-For", shopper.address())
			.header("Idempotency-Key", this.idempotencyPrefix + due.arrival())
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.shoppers.body(shopper, due.arrival())))
			.build();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
			this.connections.release();
			complete(due, (error != null) ? failure(error) : answer(response));
			sendWaiting();
		});
	}

	private void complete(Due due, Tally.Answer answer) {
		due.tally().record(answer, due.intended(), System.nanoTime());
		this.inFlight.decrementAndGet();
	}

	private static Tally.Answer answer(HttpResponse<byte[]> response) {
		int status = response.statusCode();
		byte[] body = response.body();
		if (status == 201 && contains(body, SUCCEEDED)) {
			return new Tally.Answer("201", null, false, false, true, contains(body, UNSCREENED));
		}
		String code = null;
		String label = Integer.toString(status);
		String contentType = response.headers().firstValue("Content-Type").orElse("no content type");
		try {
			JsonNode json = (body.length == 0) ? MissingNode.getInstance() : JSON.readTree(body);
			if (status == 201 || status == 202) {
				// a payment that did not succeed (yet): name its status
				label = status + "(" + json.path("status").asString("?") + ")";
			}
			else if (json.has("code")) {
				code = json.path("code").asString();
			}
			else if (status >= 400) {
				// not the platform's problem shape: say what came instead
				code = (body.length == 0) ? "(empty body)" : "(no code: " + contentType + ")";
			}
		}
		catch (RuntimeException ex) {
			code = "(not json: " + contentType + ")";
		}
		boolean refusal = status == 429 || status == 503;
		boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
		return new Tally.Answer(label, code, refusal, retryAfter, false, false);
	}

	private static Tally.Answer failure(Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (cause instanceof HttpTimeoutException) {
			return Tally.Answer.failure("timeout");
		}
		if (cause instanceof ConnectException) {
			return Tally.Answer.failure("connect_error");
		}
		return Tally.Answer.failure("io_error");
	}

	private static boolean contains(byte[] body, byte[] needle) {
		outer: for (int i = 0; i <= body.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (body[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	/** A payment due at {@code intended}, the {@code arrival}-th of the run. */
	private record Due(long arrival, long intended, Tally tally) {
	}

}
