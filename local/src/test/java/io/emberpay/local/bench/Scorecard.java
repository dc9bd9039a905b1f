package io.emberpay.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The closing table: each of the goals beside the run's figure, met or not. */
final class Scorecard {

	private final List<String[]> lines = new ArrayList<>();

	void add(String goal, String figure, boolean met) {
		this.lines.add(new String[] { goal, figure, met ? "met" : "NOT met" });
	}

	int size() {
		return this.lines.size();
	}

	int unmet() {
		return (int) this.lines.stream().filter(line -> !line[2].equals("met")).count();
	}

	String render() {
		int goalWidth = "goal".length();
		int figureWidth = "this run".length();
		for (String[] line : this.lines) {
			goalWidth = Math.max(goalWidth, line[0].length());
			figureWidth = Math.max(figureWidth, line[1].length());
		}
		String format = "| %-" + goalWidth + "s | %-" + figureWidth + "s | %-7s |%n";
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, format, "goal", "this run", ""));
		table.append("|-")
			.append("-".repeat(goalWidth))
			.append("-|-")
			.append("-".repeat(figureWidth))
			.append("-|---------|\n");
		for (String[] line : this.lines) {
			table.append(String.format(Locale.ROOT, format, (Object[]) line));
		}
		return table.toString();
	}

}
