package io.emberpay.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh clone is all a newcomer has: every link of every Markdown file must resolve
 * inside it.
 */
class MarkdownLinkTests {

	@Test
	void everyLinkOfEveryMarkdownFileResolvesInsideTheRepository() {
		Path root = RepositoryFiles.root();
		List<Path> files = MarkdownLinks.files(root);

		assertThat(files).as("the walk finds the documentation")
			.contains(root.resolve("README.md"), root.resolve("docs/api.md"), root.resolve("docs/errors.md"));
		assertThat(files.stream().flatMap((file) -> MarkdownLinks.problems(root, file).stream())).isEmpty();
	}

	@Test
	void aLinkLeavingTheRepositoryIsReported(@TempDir Path workspace) throws IOException {
		Path root = Files.createDirectories(workspace.resolve("repository"));
		write(workspace, "elsewhere/api.md", "# API");
		Path readme = write(root, "README.md", "The contract is [there](../elsewhere/api.md).");

		assertThat(MarkdownLinks.problems(root, readme)).singleElement().asString().contains("leaves the repository");
	}

	@Test
	void aLinkToNothingIsReported(@TempDir Path root) throws IOException {
		Path page = write(root, "docs/guide.md",
				"See [the runbook](runbooks/missing.md) and ![a diagram](img/flow.png).");

		assertThat(MarkdownLinks.problems(root, page)).hasSize(2)
			.allSatisfy((problem) -> assertThat(problem).contains("points to nothing"));
	}

	@Test
	void theDesignFolderIsReportedAsALinkAbsolutePathOrMention(@TempDir Path root) throws IOException {
		Path linked = write(root, "a.md", "[contract](/work/shared/design/api.md)");
		Path mentioned = write(root, "b.md", "The contract is `../shared/design/api.md`.");
		Path fileUrl = write(root, "c.md", "[contract](file:///tmp/api.md)");

		assertThat(MarkdownLinks.problems(root, linked)).anySatisfy((p) -> assertThat(p).contains("absolute path"))
			.anySatisfy((p) -> assertThat(p).contains("design folder"));
		assertThat(MarkdownLinks.problems(root, mentioned)).singleElement().asString().contains("design folder");
		assertThat(MarkdownLinks.problems(root, fileUrl)).singleElement().asString().contains("local file URL");
	}

	@Test
	void aFragmentMustNameAHeadingOfTheLinkedPage(@TempDir Path root) throws IOException {
		write(root, "docs/deploy.md",
				"# Deploying\n## The `k8s/` overlays, v2\n## Metrics contract\n## Metrics contract\n");
		Path readme = write(root, "README.md", """
				[ok](docs/deploy.md#the-k8s-overlays-v2) [ok too](docs/deploy.md#metrics-contract-1)
				[missing](docs/deploy.md#rollback) [self](#nowhere)
				""");

		assertThat(MarkdownLinks.problems(root, readme)).hasSize(2)
			.anySatisfy((p) -> assertThat(p).contains("#rollback"))
			.anySatisfy((p) -> assertThat(p).contains("#nowhere"));
	}

	@Test
	void webLinksFoldersAndLinksInsideCodeBlocksAreLeftAlone(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("k8s"));
		Path readme = write(root, "README.md", """
				[RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) [mail](mailto:security@example.com) [k8s](k8s/)
				```
				[not a link](../outside.md)
				```
				""");

		assertThat(MarkdownLinks.problems(root, readme)).isEmpty();
	}

	@Test
	void buildOutputIsNotDocumentation(@TempDir Path root) throws IOException {
		write(root, "README.md", "# Root");
		write(root, "service/target/classes/README.md", "[stale](../../nowhere.md)");

		assertThat(MarkdownLinks.files(root)).containsExactly(root.resolve("README.md"));
	}

	private static Path write(Path root, String relative, String content) throws IOException {
		Path file = root.resolve(relative);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

}
