package io.emberpay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The links of the repository's Markdown files, and what is wrong with them: a relative
 * link must name a file or folder inside the repository (and, with a {@code #fragment}, a
 * heading of that Markdown file), nothing may point at an absolute path, and nothing may
 * refer to the design folder the project was written from, which a clone does not have.
 */
final class MarkdownLinks {

	/** Inline links and images, {@code [text](target "title")}. */
	private static final Pattern INLINE = Pattern
		.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	/** Reference definitions, {@code [id]: target}. */
	private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+]:\\s+<?([^\\s>]+)>?");

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

	private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$");

	private static final Pattern FENCE = Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");

	private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", ".platform", "target", "node_modules", ".idea");

	private MarkdownLinks() {
	}

	/** Every Markdown file of the repository, build output and local run data aside. */
	static List<Path> files(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.getFileName().toString().endsWith(".md"))
				.filter((path) -> !inSkippedFolder(root.relativize(path)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean inSkippedFolder(Path relative) {
		for (int i = 0; i < relative.getNameCount() - 1; i++) {
			if (SKIPPED_FOLDERS.contains(relative.getName(i).toString())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What is wrong with the links of one file, one sentence each; empty when nothing.
	 */
	static List<String> problems(Path root, Path file) {
		String text = read(file);
		String name = root.relativize(file).toString();
		List<String> problems = new ArrayList<>();
		if (text.contains("shared/design")) {
			problems.add(name + " refers to the design folder (shared/design), which is not in the repository");
		}
		String prose = FENCE.matcher(text).replaceAll("");
		for (String target : targets(prose)) {
			String problem = problem(root, file, target);
			if (problem != null) {
				problems.add(name + ": link " + target + " " + problem);
			}
		}
		return problems;
	}

	private static List<String> targets(String prose) {
		List<String> targets = new ArrayList<>();
		for (Pattern pattern : List.of(INLINE, REFERENCE)) {
			Matcher matcher = pattern.matcher(prose);
			while (matcher.find()) {
				targets.add(matcher.group(1));
			}
		}
		return targets;
	}

	private static String problem(Path root, Path file, String target) {
		if (SCHEME.matcher(target).find()) {
			return target.regionMatches(true, 0, "file:", 0, 5) ? "is a local file URL, not a repository path" : null;
		}
		if (target.startsWith("/")) {
			return "is an absolute path; link relative to the file instead";
		}
		int hash = target.indexOf('#');
		String path = (hash < 0) ? target : target.substring(0, hash);
		String fragment = (hash < 0) ? null : target.substring(hash + 1);
		Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
		if (!resolved.startsWith(root)) {
			return "leaves the repository";
		}
		if (!Files.exists(resolved)) {
			return "points to nothing (" + root.relativize(resolved) + " does not exist)";
		}
		if (fragment != null && resolved.toString().endsWith(".md")
				&& !anchors(read(resolved)).contains(fragment.toLowerCase(Locale.ROOT))) {
			return "names no heading of " + root.relativize(resolved);
		}
		return null;
	}

	/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
	static Set<String> anchors(String markdown) {
		Matcher matcher = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
		Map<String, Integer> seen = new HashMap<>();
		Set<String> anchors = new HashSet<>();
		while (matcher.find()) {
			String heading = matcher.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
			String anchor = heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
			int earlier = seen.merge(anchor, 1, Integer::sum) - 1;
			// a repeated heading gets -1, -2, ... as on GitHub
			anchors.add((earlier == 0) ? anchor : anchor + "-" + earlier);
		}
		return Set.copyOf(anchors);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
