package io.emberpay.notification.notice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.emberpay.notification.config.NoticeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends stored notices: claims due ones with {@code SKIP LOCKED} (replicas share the
 * work), hands each to its channel, and retries failures with doubling delays until
 * {@code maxAttempts}; a notice given up stays stored as {@code failed}.
 */
@Component
class NoticeDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);

	private static final int BATCH = 50;

	private static final Duration MAX_DELAY = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Map<String, NoticeChannel> channels;

	private final NoticeProperties properties;

	private final Clock clock;

	private SimpleAsyncTaskScheduler scheduler;

	NoticeDispatcher(JdbcClient jdbc, TransactionTemplate transactions, List<NoticeChannel> channels,
			NoticeProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.channels = channels.stream().collect(Collectors.toMap(NoticeChannel::name, Function.identity()));
		this.properties = properties;
		this.clock = clock;
	}

	void sendDue() {
		List<Notice> due = this.transactions.execute(status -> claim(this.clock.instant()));
		for (Notice notice : due) {
			send(notice);
		}
	}

	private List<Notice> claim(Instant now) {
		return this.jdbc
			.sql("""
					update user_notice set lease_until = now() + interval '60 seconds'
					where id in (select id from user_notice
					             where state = 'pending' and next_attempt_at <= ? and (lease_until is null or lease_until < now())
					             order by next_attempt_at limit ? for update skip locked)
					returning id, recipient, channel, kind, subject, body""")
			.params(Timestamp.from(now), BATCH)
			.query((rs, row) -> new Notice(rs.getString("id"), rs.getString("recipient"), rs.getString("channel"),
					rs.getString("kind"), rs.getString("subject"), rs.getString("body")))
			.list();
	}

	private void send(Notice notice) {
		Instant now = this.clock.instant();
		try {
			this.channels.get(notice.channel()).send(notice);
			this.jdbc
				.sql("update user_notice set state = 'sent', sent_at = ?, lease_until = null, "
						+ "attempt_count = attempt_count + 1 where id = ?")
				.params(Timestamp.from(now), notice.id())
				.update();
		}
		catch (NoticeNotSent | RuntimeException ex) {
			failed(notice, now, ex.getMessage());
		}
	}

	private void failed(Notice notice, Instant now, String reason) {
		int attempts = this.jdbc.sql("select attempt_count from user_notice where id = ?")
			.param(notice.id())
			.query(Integer.class)
			.single() + 1;
		boolean giveUp = attempts >= this.properties.maxAttempts();
		Duration delay = this.properties.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 16));
		Instant next = now.plus((delay.compareTo(MAX_DELAY) > 0) ? MAX_DELAY : delay);
		this.jdbc.sql("""
				update user_notice set attempt_count = ?, state = ?, next_attempt_at = ?, lease_until = null,
				    last_error = left(?, 500)
				where id = ?""")
			.params(attempts, giveUp ? "failed" : "pending", Timestamp.from(next), String.valueOf(reason), notice.id())
			.update();
		if (giveUp) {
			log.error("Notice {} ({} by {}) given up after {} attempts: {}", notice.id(), notice.kind(),
					notice.channel(), attempts, reason);
		}
	}

	@Override
	public void start() {
		this.scheduler = new SimpleAsyncTaskScheduler();
		this.scheduler.setThreadNamePrefix("notice-dispatcher-");
		this.scheduler.scheduleWithFixedDelay(this::sendDueSafely, this.properties.pollInterval());
	}

	private void sendDueSafely() {
		try {
			sendDue();
		}
		catch (RuntimeException ex) {
			log.error("Notice dispatch round failed", ex);
		}
	}

	@Override
	public void stop() {
		this.scheduler.close();
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
