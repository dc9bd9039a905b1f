package io.emberpay.subscription.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.emberpay.events.ResourceIds;
import io.emberpay.events.Topics;
import io.emberpay.events.subscription.SubscriptionEvent;
import io.emberpay.starter.outbox.OutboxWriter;
import io.emberpay.starter.problem.ApiException;
import io.emberpay.starter.problem.CommonError;
import io.emberpay.starter.security.Caller;
import io.emberpay.starter.web.ListPage;
import io.emberpay.starter.web.PageQuery;
import io.emberpay.subscription.SubscriptionError;
import io.emberpay.subscription.billing.BillingClock;
import io.emberpay.subscription.billing.DunningPolicy;
import io.emberpay.subscription.billing.Invoice;
import io.emberpay.subscription.billing.InvoiceCollection;
import io.emberpay.subscription.billing.InvoiceLine;
import io.emberpay.subscription.billing.InvoiceStatus;
import io.emberpay.subscription.billing.InvoiceStore;
import io.emberpay.subscription.billing.Proration;
import io.emberpay.subscription.catalogue.Catalogue;
import io.emberpay.subscription.catalogue.Price;
import io.emberpay.subscription.entitlement.Entitlement;
import io.emberpay.subscription.entitlement.Entitlements;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscribing, changing plan and canceling. Each change commits with its events and
 * entitlement in one transaction; an invoice that is due at once (the first period
 * without trial, an upgrade's proration) is collected right after the commit.
 */
@Service
public class Subscriptions {

	private final SubscriptionStore store;

	private final Catalogue catalogue;

	private final InvoiceStore invoices;

	private final InvoiceCollection collection;

	private final Entitlements entitlements;

	private final OutboxWriter outbox;

	private final DunningPolicy dunning;

	private final SubscriptionEnding ending;

	private final TransactionTemplate transactions;

	private final BillingClock clock;

	Subscriptions(SubscriptionStore store, Catalogue catalogue, InvoiceStore invoices, InvoiceCollection collection,
			Entitlements entitlements, OutboxWriter outbox, DunningPolicy dunning, SubscriptionEnding ending,
			TransactionTemplate transactions, BillingClock clock) {
		this.store = store;
		this.catalogue = catalogue;
		this.invoices = invoices;
		this.collection = collection;
		this.entitlements = entitlements;
		this.outbox = outbox;
		this.dunning = dunning;
		this.ending = ending;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Failure codes of a first charge that say the method cannot pay the price's
	 * currency.
	 */
	private static final Set<String> CURRENCY_REFUSALS = Set.of("invalid_currency", "currency_not_supported");

	SubscriptionView create(Caller caller, SubscriptionRequests.Create request) {
		String customer = customerOf(caller, request.customer());
		if (!request.paymentMethod().matches("pm_[0-9a-z_]{1,60}")) {
			throw ApiException.invalid("payment_method", "payment_method must be a pm_ id");
		}
		Price price = this.catalogue.findPrice(request.price())
			.filter(p -> !caller.isMerchant() || p.merchant().equals(caller.id()))
			.filter(p -> p.livemode() == caller.livemode())
			.orElseThrow(
					() -> new ApiException(CommonError.NOT_FOUND, "No such price: '" + request.price() + "'", "price"));
		String testClock = testClockFor(caller, price, request.testClock());
		Instant now = this.clock.now(testClock);
		Created created;
		try {
			created = this.transactions
				.execute(status -> subscribe(customer, price, request.paymentMethod(), now, testClock));
		}
		catch (DuplicateKeyException ex) {
			throw alreadySubscribed(price);
		}
		if (created.invoice() != null) {
			this.collection.collectNow(created.invoice().id());
			refuseUnpayableCurrency(created, price);
		}
		return view(this.store.find(created.subscription().id()).orElseThrow());
	}

	/**
	 * The payment method cannot pay the price's currency (payment-service refused the
	 * first charge for it): no retry can change that, so the subscription ends at once
	 * and the request is a 400 naming the price, instead of an {@code incomplete}
	 * subscription whose dunning would only fail again.
	 */
	private void refuseUnpayableCurrency(Created created, Price price) {
		String failure = this.invoices.find(created.invoice().id()).map(Invoice::failureCode).orElse(null);
		if (failure == null || !CURRENCY_REFUSALS.contains(failure)) {
			return;
		}
		Instant now = this.clock.now(created.subscription().testClock());
		this.transactions.executeWithoutResult(status -> this.store.find(created.subscription().id())
			.filter(subscription -> subscription.status() == SubscriptionStatus.INCOMPLETE)
			.ifPresent(subscription -> this.ending.end(subscription, SubscriptionStatus.CANCELED, now)));
		throw new ApiException(CommonError.INVALID_CURRENCY,
				"The payment method cannot pay in " + price.currency() + ": choose a price in a currency it can pay",
				"price");
	}

	/**
	 * The test clock a new subscription lives by: only in test mode, only one of the
	 * price's merchant that is not deleted; anything else is the same 404 as a clock that
	 * does not exist.
	 */
	private String testClockFor(Caller caller, Price price, String testClock) {
		if (testClock == null) {
			return null;
		}
		return this.clock.find(testClock)
			.filter(clock -> !price.livemode() && !caller.livemode())
			.filter(clock -> clock.merchant().equals(price.merchant()) && !clock.deleted())
			.map(BillingClock.TestClockState::id)
			.orElseThrow(() -> new ApiException(CommonError.NOT_FOUND,
					"No such test clock: '" + testClock + "' (test clocks exist in test mode only)", "test_clock"));
	}

	private Created subscribe(String customer, Price price, String paymentMethod, Instant now, String testClock) {
		if (this.store.hasLive(customer, price.product())) {
			throw alreadySubscribed(price);
		}
		String id = ResourceIds.next("sub");
		Subscription subscription;
		Invoice invoice = null;
		if (price.trialPeriodDays() > 0) {
			Instant trialEnd = now.plus(Duration.ofDays(price.trialPeriodDays()));
			subscription = new Subscription(id, price.merchant(), customer, price.product(), price.id(), price.tier(),
					paymentMethod, SubscriptionStatus.TRIALING, trialEnd, -1, now, trialEnd, trialEnd, false, null,
					null, 0, price.livemode(), now, testClock);
			this.store.insert(subscription);
			this.entitlements.grant(price.merchant(), customer, price.tier(), Entitlement.SOURCE_SUBSCRIPTION, id,
					trialEnd.plus(this.dunning.gracePeriod()), now, price.livemode(), testClock);
		}
		else {
			Instant end = price.interval().periodStart(now, price.intervalCount(), 1);
			subscription = new Subscription(id, price.merchant(), customer, price.product(), price.id(), price.tier(),
					paymentMethod, SubscriptionStatus.INCOMPLETE, now, 0, now, end, null, false, null, null, 0,
					price.livemode(), now, testClock);
			this.store.insert(subscription);
			invoice = new Invoice(ResourceIds.next("in"), id, price.merchant(), customer, price.unitAmount(),
					price.currency(), InvoiceStatus.OPEN, Invoice.REASON_CREATE, now, end,
					List.of(new InvoiceLine("1 × " + price.tier() + " (" + price.interval().wire() + ")",
							price.unitAmount(), price.id(), now, end)),
					0, now, null, null, price.livemode(), now, null, testClock);
			this.invoices.insert(invoice);
		}
		this.outbox.append(Topics.SUBSCRIPTIONS,
				new SubscriptionEvent.SubscriptionCreated(ResourceIds.event(), now, subscription.snapshot()));
		return new Created(subscription, invoice);
	}

	/**
	 * Moves the subscription to another price of the same product, currency and interval,
	 * at once. During a trial nothing is owed; otherwise the unused time of the old price
	 * is credited and the rest of the period at the new price charged
	 * ({@link Proration}): a positive difference is invoiced and collected now, a
	 * negative one becomes credit the next invoices use up. The period and anchor stay.
	 */
	SubscriptionView changePrice(Caller caller, String id, SubscriptionRequests.Change request) {
		Invoice due = this.transactions.execute(status -> {
			Subscription current = owned(caller, this.store.lock(id).orElse(null), id);
			Instant now = this.clock.now(current.testClock());
			if (!current.status().isLive() || current.status() == SubscriptionStatus.INCOMPLETE) {
				throw new ApiException(SubscriptionError.SUBSCRIPTION_STATE_CONFLICT,
						"A subscription that is " + current.status().wire() + " cannot change plan");
			}
			Price from = this.catalogue.findPrice(current.price()).orElseThrow();
			Price to = this.catalogue.requirePrice(current.merchant(), request.price(), "price");
			if (!from.sameBillingAs(to)) {
				throw new ApiException(SubscriptionError.PRICE_MISMATCH,
						"The new price must be of the same product, currency and interval", "price");
			}
			if (to.id().equals(from.id())) {
				return null;
			}
			return reprice(current, from, to, now);
		});
		if (due != null) {
			this.collection.collectNow(due.id());
		}
		return view(this.store.find(id).orElseThrow());
	}

	private Invoice reprice(Subscription current, Price from, Price to, Instant now) {
		Invoice invoice = null;
		long credit = current.creditBalance();
		if (current.status() != SubscriptionStatus.TRIALING) {
			Proration proration = Proration.of(from.unitAmount(), to.unitAmount(), current.currentPeriodStart(),
					current.currentPeriodEnd(), now);
			if (proration.net() > 0) {
				List<InvoiceLine> lines = List.of(
						new InvoiceLine("Unused time on " + from.tier(), -proration.credit(), from.id(), now,
								current.currentPeriodEnd()),
						new InvoiceLine("Remaining time on " + to.tier(), proration.charge(), to.id(), now,
								current.currentPeriodEnd()));
				invoice = new Invoice(ResourceIds.next("in"), current.id(), current.merchant(), current.customer(),
						proration.net(), to.currency(), InvoiceStatus.OPEN, Invoice.REASON_UPDATE, now,
						current.currentPeriodEnd(), lines, 0, now, null, null, current.livemode(), now, null,
						current.testClock());
				this.invoices.insert(invoice);
			}
			else {
				credit = Math.addExact(credit, -proration.net());
			}
		}
		Subscription changed = current.onPrice(to.id(), to.tier(), credit);
		this.store.update(changed);
		this.entitlements.grant(changed.merchant(), changed.customer(), to.tier(), Entitlement.SOURCE_SUBSCRIPTION,
				changed.id(), changed.currentPeriodEnd().plus(this.dunning.gracePeriod()), now, changed.livemode(),
				changed.testClock());
		this.outbox.append(Topics.SUBSCRIPTIONS,
				new SubscriptionEvent.SubscriptionUpdated(ResourceIds.event(), now, changed.snapshot()));
		return invoice;
	}

	/**
	 * Cancels now (the tier ends now, open invoices are voided) or at the end of the
	 * period (the tier stays until then; the renewal run ends it).
	 */
	SubscriptionView cancel(Caller caller, String id, SubscriptionRequests.Cancel request) {
		boolean atPeriodEnd = request != null && Boolean.TRUE.equals(request.atPeriodEnd());
		this.transactions.executeWithoutResult(status -> {
			Subscription current = owned(caller, this.store.lock(id).orElse(null), id);
			Instant now = this.clock.now(current.testClock());
			if (!current.status().isLive()) {
				throw new ApiException(SubscriptionError.SUBSCRIPTION_STATE_CONFLICT,
						"The subscription has already ended (" + current.status().wire() + ")");
			}
			if (atPeriodEnd) {
				Subscription canceling = current.cancelingAtPeriodEnd(true, now);
				this.store.update(canceling);
				this.outbox.append(Topics.SUBSCRIPTIONS,
						new SubscriptionEvent.SubscriptionUpdated(ResourceIds.event(), now, canceling.snapshot()));
			}
			else {
				this.ending.end(current, SubscriptionStatus.CANCELED, now);
			}
		});
		return view(this.store.find(id).orElseThrow());
	}

	SubscriptionView get(Caller caller, String id) {
		return view(owned(caller, this.store.find(id).orElse(null), id));
	}

	ListPage<SubscriptionView> list(Caller caller, PageQuery page) {
		List<Subscription> rows = caller.isMerchant() ? this.store.ofMerchant(caller.id(), page)
				: this.store.ofCustomer(caller.id(), page);
		return ListPage.of(new ArrayList<>(rows), page.limit(), (Function<Subscription, SubscriptionView>) this::view);
	}

	private SubscriptionView view(Subscription subscription) {
		return SubscriptionView.of(subscription, this.invoices.latestOf(subscription.id()).orElse(null));
	}

	private static Subscription owned(Caller caller, Subscription subscription, String id) {
		if (subscription == null
				|| !caller.id().equals(caller.isMerchant() ? subscription.merchant() : subscription.customer())) {
			throw ApiException.notFound("subscription", id);
		}
		return subscription;
	}

	private static String customerOf(Caller caller, String customer) {
		if (caller.isUser()) {
			if (customer != null && !customer.equals(caller.id())) {
				throw ApiException.invalid("customer", "A user subscribes itself; leave customer out");
			}
			return caller.id();
		}
		if (caller.isMerchant()) {
			if (customer == null || !customer.matches("usr_[0-9a-z_]{1,60}")) {
				throw ApiException.invalid("customer", "customer must be the usr_ id of the user to subscribe");
			}
			return customer;
		}
		throw new ApiException(CommonError.FORBIDDEN, "Subscriptions belong to users and merchants");
	}

	private static ApiException alreadySubscribed(Price price) {
		return new ApiException(SubscriptionError.SUBSCRIPTION_EXISTS,
				"The user already has a subscription to product '" + price.product() + "'", "price");
	}

	private record Created(Subscription subscription, Invoice invoice) {
	}

}
