package io.emberpay.errors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/errors.md is the catalogue rendered: a code added to the catalogue without
 * regenerating the page fails here. {@code -Demberpay.docs.write=true} rewrites the page.
 */
class ErrorCatalogueDocumentTests {

	@Test
	void docsErrorsPageIsTheCatalogueRendered() throws IOException {
		Path page = repositoryRoot().resolve("docs/errors.md");
		String rendered = ErrorReference.markdown(ErrorCatalogue.load());
		if (Boolean.getBoolean("emberpay.docs.write")) {
			Files.writeString(page, rendered);
		}

		assertThat(page).as("docs/errors.md; regenerate it with -Demberpay.docs.write=true").exists();
		assertThat(Files.readString(page)).as("docs/errors.md; regenerate it with -Demberpay.docs.write=true")
			.isEqualTo(rendered);
	}

	@Test
	void thePageListsEveryCodeWithItsStatus() {
		String rendered = ErrorReference.markdown(ErrorCatalogue.load());

		assertThat(ErrorCatalogue.load().entries()).allSatisfy(
				(entry) -> assertThat(rendered).contains("| `" + entry.code() + "` | " + entry.status() + " |"));
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
		return dir;
	}

}
