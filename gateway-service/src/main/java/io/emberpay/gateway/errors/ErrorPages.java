package io.emberpay.gateway.errors;

import java.util.List;

import io.emberpay.errors.ErrorCatalogue;

/** The catalogue as plain HTML pages for people who follow a problem's {@code type}. */
final class ErrorPages {

	private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
			+ "padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}"
			+ "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}";

	private ErrorPages() {
	}

	static String entry(ErrorCatalogue.Entry entry) {
		return page(entry.code() + ": " + entry.title(), """
				<h1><code>%s</code></h1>
				<p><strong>%s</strong>, HTTP %d</p>
				<h2>What it means</h2>
				<p>%s</p>
				<h2>What to do</h2>
				<p>%s</p>
				<h2>Can retrying help?</h2>
				<p>%s</p>
				<p><a href="/errors">Every error code</a></p>
				""".formatted(escape(entry.code()), escape(entry.title()), entry.status(), escape(entry.meaning()),
				escape(entry.clientAction()),
				entry.retryable()
						? "Yes: send the same request again, after <code>Retry-After</code> when the "
								+ "answer has one, with the same <code>Idempotency-Key</code>."
						: "No: the same request will get the same answer. Change the request or its context first."));
	}

	static String index(List<ErrorCatalogue.Entry> entries) {
		StringBuilder rows = new StringBuilder();
		for (ErrorCatalogue.Entry entry : entries) {
			rows.append("<tr><td><a href=\"/errors/")
				.append(escape(entry.code()))
				.append("\"><code>")
				.append(escape(entry.code()))
				.append("</code></a></td><td>")
				.append(entry.status())
				.append("</td><td>")
				.append(escape(entry.title()))
				.append("</td><td>")
				.append(entry.retryable() ? "yes" : "no")
				.append("</td></tr>\n");
		}
		return page("Error codes", """
				<h1>Error codes</h1>
				<p>Every problem the Emberpay API answers carries one of these <code>code</code>s.</p>
				<table><tr><th>code</th><th>status</th><th>title</th><th>retry?</th></tr>
				%s</table>
				""".formatted(rows));
	}

	private static String page(String title, String body) {
		return """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8"><title>%s · Emberpay</title>
				<meta name="viewport" content="width=device-width, initial-scale=1"><style>%s</style></head>
				<body>
				%s</body></html>
				""".formatted(escape(title), STYLE, body);
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
