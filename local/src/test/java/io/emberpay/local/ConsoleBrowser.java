package io.emberpay.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) on the
 * console through the gateway. Screenshots go to {@code docs/console/} when
 * {@code -Demberpay.docs.write=true}, else to {@code local/target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final String consoleUrl;

	private final Path screenshots;

	private ConsoleBrowser(ChromeDriver driver, String consoleUrl, Path screenshots) {
		this.driver = driver;
		this.consoleUrl = consoleUrl;
		this.screenshots = screenshots;
	}

	static boolean installed() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	static ConsoleBrowser open(String gatewayUrl) throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// root in CI containers: Chromium's sandbox needs user namespaces it may not have
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
				"--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		boolean docs = Boolean.getBoolean("emberpay.docs.write");
		Path repository = Path.of(System.getProperty("emberpay.repo", "..")).toAbsolutePath().normalize();
		Path screenshots = docs ? repository.resolve("docs/console")
				: repository.resolve("local/target/console-screenshots");
		Files.createDirectories(screenshots);
		return new ConsoleBrowser(driver, gatewayUrl + "/console", screenshots);
	}

	/**
	 * How long an element may take to appear, or a page to follow a click, on a loaded
	 * machine.
	 */
	private static final Duration PAGE = Duration.ofSeconds(30);

	void go(String path) {
		this.driver.get(this.consoleUrl + path);
		loaded();
	}

	/** The element, once the page has it. */
	WebElement find(String css) {
		return waitFor(d -> d.findElement(By.cssSelector(css)));
	}

	void type(String id, String text) {
		waitFor(d -> {
			WebElement field = d.findElement(By.id(id));
			field.clear();
			field.sendKeys(text);
			return true;
		});
	}

	/**
	 * Clicks {@code css}; a link or a form button loads another page, and this returns
	 * once that page has replaced this one, so what is read next is the new page.
	 */
	void click(String css) {
		clickAndFollow(() -> this.driver.findElement(By.cssSelector(css)));
	}

	/** Whether the page has an element matching {@code css}. */
	boolean has(String css) {
		return !this.driver.findElements(By.cssSelector(css)).isEmpty();
	}

	/** The text of {@code css} in the table row that has a cell reading {@code cell}. */
	String textInRow(String cell, String css) {
		return waitFor(d -> row(cell).findElement(By.cssSelector(css)).getText());
	}

	/**
	 * The button of {@code css} in the table row that has a cell reading {@code cell}.
	 */
	void clickInRow(String cell, String css) {
		clickAndFollow(() -> row(cell).findElement(By.cssSelector(css)));
	}

	/**
	 * The text of the page. Read again when the page is replaced while it is read (a
	 * navigation or an htmx swap makes the element stale).
	 */
	String text() {
		return waitFor(d -> d.findElement(By.tagName("body")).getText());
	}

	private WebElement row(String cell) {
		return this.driver.findElement(By.xpath("//tr[td[normalize-space()='" + cell + "']]"));
	}

	private void clickAndFollow(Supplier<WebElement> target) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		// an Optional: a wait takes a bare false for "not yet" and would click again
		Optional<Boolean> navigates = waitFor(d -> {
			WebElement element = target.get();
			boolean follows = navigates(element);
			element.click();
			return Optional.of(follows);
		});
		if (navigates.orElseThrow()) {
			new WebDriverWait(this.driver, PAGE).until(ExpectedConditions.stalenessOf(page));
			loaded();
		}
	}

	/**
	 * Whether a click on {@code element} loads another page: a link, or a form's button
	 * in a form htmx does not submit.
	 */
	private static boolean navigates(WebElement element) {
		String tag = element.getTagName();
		if ("a".equalsIgnoreCase(tag)) {
			String href = element.getAttribute("href");
			return href != null && !href.contains("#") && element.getAttribute("hx-get") == null;
		}
		if (!"button".equalsIgnoreCase(tag) && !"input".equalsIgnoreCase(tag)) {
			return false;
		}
		if (!"submit".equalsIgnoreCase(element.getDomProperty("type"))) {
			return false;
		}
		WebElement form;
		try {
			form = element.findElement(By.xpath("ancestor::form"));
		}
		catch (NoSuchElementException ex) {
			return false;
		}
		return form.getAttribute("hx-get") == null && form.getAttribute("hx-post") == null;
	}

	private void loaded() {
		new WebDriverWait(this.driver, PAGE)
			.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	/**
	 * Retries {@code read} while the element is not there yet or was replaced under it.
	 */
	private <T> T waitFor(Function<WebDriver, T> read) {
		return new WebDriverWait(this.driver, PAGE).ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until(read);
	}

	String title() {
		return this.driver.getTitle();
	}

	String path() {
		return this.driver.getCurrentUrl().substring(this.consoleUrl.length());
	}

	/**
	 * Reloads the page until {@code condition} holds: deliveries and events are
	 * asynchronous.
	 */
	void reloadUntil(Supplier<Boolean> condition, Duration timeout) {
		new WebDriverWait(this.driver, timeout, Duration.ofSeconds(2)).until(d -> {
			if (condition.get()) {
				return true;
			}
			d.navigate().refresh();
			return false;
		});
	}

	void screenshot(String name) throws IOException {
		Files.write(this.screenshots.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
	}

	/** The same page as a phone shows it. */
	void phoneScreenshot(String name) throws IOException {
		Dimension desktop = this.driver.manage().window().getSize();
		this.driver.manage().window().setSize(new Dimension(390, 844));
		try {
			screenshot(name);
		}
		finally {
			this.driver.manage().window().setSize(desktop);
		}
	}

	/**
	 * The page's scroll width and the window's inner width at phone size: the page fits a
	 * phone when the first is not larger (no sideways scrolling).
	 */
	long[] phoneWidths() {
		Dimension desktop = this.driver.manage().window().getSize();
		this.driver.manage().window().setSize(new Dimension(390, 844));
		try {
			List<?> widths = (List<?>) this.driver
				.executeScript("return [document.documentElement.scrollWidth, window.innerWidth];");
			return new long[] { ((Number) widths.get(0)).longValue(), ((Number) widths.get(1)).longValue() };
		}
		finally {
			this.driver.manage().window().setSize(desktop);
		}
	}

	/** How many table rows have a cell reading {@code cell}. */
	int rowsWith(String cell) {
		return this.driver.findElements(By.xpath("//tr[td[normalize-space()='" + cell + "']]")).size();
	}

	/**
	 * The status of a request made outside the page with this browser's session and the
	 * current page's CSRF token, as a hand-made form or request would come: what the
	 * console answers, redirects not followed.
	 */
	int request(String method, String path) throws IOException, InterruptedException {
		String csrf = find("input[name=_csrf]").getDomProperty("value");
		String session = this.driver.manage().getCookieNamed("EMBERPAY_CONSOLE").getValue();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.consoleUrl + path))
			.timeout(PAGE)
			.header("Cookie", "EMBERPAY_CONSOLE=" + session);
		if (method.equals("GET")) {
			request.GET();
		}
		else {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.method(method, HttpRequest.BodyPublishers
					.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&amount=1.00"));
		}
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
	}

	void signOut() {
		this.driver.manage().deleteAllCookies();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
