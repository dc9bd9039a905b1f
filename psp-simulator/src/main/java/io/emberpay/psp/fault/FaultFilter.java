package io.emberpay.psp.fault;

import java.io.IOException;
import java.time.Duration;

import io.emberpay.psp.Acquirer;
import io.emberpay.psp.error.ErrorWriter;
import io.emberpay.psp.error.PspError;
import io.emberpay.psp.stats.AcquirerCounters;
import io.emberpay.psp.stats.ChargeStats;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes an acquirer misbehave the way real ones do, around the normal processing of a
 * call: slow, down, failing before doing anything, doing the work and then never
 * answering in time (the "unknown outcome"), or cutting the connection before or after
 * the work.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class FaultFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(FaultFilter.class);

	private final FaultInjector injector;

	private final ChargeStats stats;

	private final ErrorWriter errors;

	FaultFilter(FaultInjector injector, ChargeStats stats, ErrorWriter errors) {
		this.injector = injector;
		this.stats = stats;
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return Acquirer.fromRequestPath(request.getRequestURI()).isEmpty();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// shouldNotFilter let only acquirer paths through.
		Acquirer acquirer = Acquirer.fromRequestPath(request.getRequestURI()).orElseThrow();
		FaultPlan plan = this.injector.plan(acquirer, "POST".equals(request.getMethod()));
		pause(plan.latency());
		AcquirerCounters counters = this.stats.of(acquirer);
		switch (plan.fault()) {
			case NONE -> chain.doFilter(request, response);
			case REFUSE -> {
				counters.refused();
				this.errors.write(response, PspError.PSP_UNAVAILABLE.body("the acquirer is down"));
			}
			case ERROR -> {
				counters.injectedError();
				this.errors.write(response,
						(plan.errorStatus() == 500) ? PspError.INTERNAL_ERROR.body("injected failure")
								: PspError.PSP_UNAVAILABLE.body("injected failure"));
			}
			case TIMEOUT -> {
				counters.injectedTimeout();
				answerLate(request, response, chain, plan.hang());
			}
			case RESET_BEFORE_WORK -> {
				counters.injectedReset();
				cutConnection(response, acquirer, "before");
			}
			case RESET_AFTER_WORK -> {
				counters.injectedReset();
				ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
				chain.doFilter(request, held);
				cutConnection(response, acquirer, "after");
			}
		}
	}

	/** Does the work, then holds the answer back past any sensible client timeout. */
	private void answerLate(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Duration hang)
			throws ServletException, IOException {
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, held);
		pause(hang);
		try {
			held.copyBodyToResponse();
		}
		catch (IOException ex) {
			// The caller gave up long ago, which is the point of this fault.
			log.debug("Late answer not delivered: the caller is gone");
		}
	}

	/**
	 * Cuts the connection mid-answer: the headers announce a body that never comes and
	 * the server closes the socket. The caller sees a broken connection and cannot know
	 * whether the work was done.
	 */
	private static void cutConnection(HttpServletResponse response, Acquirer acquirer, String when) throws IOException {
		log.info("Cutting the connection of a call to {} {} the work", acquirer, when);
		response.resetBuffer();
		response.setStatus(200);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(1024);
		response.setHeader("Connection", "close");
		response.flushBuffer();
	}

	private static void pause(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			return;
		}
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			// Shutting down: answer now rather than hold the thread.
			Thread.currentThread().interrupt();
		}
	}

}
