package dev.logctx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test that docs/guarantees.md (and README.md, docs/*.md) cites exists: a renamed or deleted
 * test fails this check instead of leaving a promise without its proof. And no comment of main
 * code names a test or cites Python: javadoc states behaviour, the tests are named in
 * docs/guarantees.md.
 */
class CitedTestsExistTest {
  /** The repository: the parent of this module, where the build runs its tests. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void every_test_the_documents_cite_exists() throws IOException {
    assertThat(ROOT.resolve("docs/guarantees.md")).as("repository root %s", ROOT).isRegularFile();
    CitedTestNames names = CitedTestNames.ofRepository(ROOT);
    List<Path> documents = new ArrayList<>();
    documents.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(doc -> doc.toString().endsWith(".md")).sorted().forEach(documents::add);
    }

    List<String> missing = new ArrayList<>();
    for (Path document : documents) {
      missing.addAll(
          names.missingIn(
              Files.readString(document, StandardCharsets.UTF_8),
              ROOT.relativize(document).toString()));
    }

    assertThat(missing).as("cited tests that do not exist").isEmpty();
  }

  @Test
  void no_comment_in_main_code_names_a_test_or_cites_python() throws IOException {
    CitedTestNames names = CitedTestNames.ofRepository(ROOT);
    Pattern word = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    Pattern foreign = Pattern.compile("\\b(?:Python|asyncio|contextvars)\\b");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> f.toString().contains("/src/main/java/"))
              .filter(f -> !ROOT.relativize(f).startsWith("test-support"))
              .filter(f -> !f.toString().contains("/target/"))
              .sorted()
              .toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          if (!(line.startsWith("*") || line.startsWith("/*") || line.startsWith("//"))) {
            continue;
          }
          Matcher token = word.matcher(line);
          while (token.find()) {
            if (names.isTestClass(token.group())) {
              found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + token.group());
            }
          }
          if (foreign.matcher(line).find()) {
            found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }

    assertThat(found).as("comments of main code that name tests (they belong in docs/guarantees.md)").isEmpty();
  }

  @Test
  void the_check_finds_the_citations_of_the_real_table() throws IOException {
    String guarantees = Files.readString(ROOT.resolve("docs/guarantees.md"), StandardCharsets.UTF_8);
    String cited = String.join("\n", CitedTestNames.of().missingIn(guarantees, "guarantees.md"));

    // against no sources every citation is missing: the check reads classes, methods and bare
    // methods of a cell, so an empty result above means each was found
    assertThat(cited)
        .contains("no test class LogContextTest")
        .contains("no test class ContextualTasksTest")
        .contains("no test class OrderServiceContract");
  }

  @Test
  void a_bogus_name_is_reported_with_its_document_and_line() {
    CitedTestNames names =
        CitedTestNames.of(
            "class ScopeTest { @Test void closes_twice() {} }",
            "abstract class BaseContract { @Test void inherited_check() {} }",
            "class ServerIT extends BaseContract {}");
    String table =
        String.join(
            "\n",
            "| 1 | promise | `ScopeTest.closes_twice`, `ServerIT.inherited_check` |",
            "| 2 | promise | `ScopeTest` (`closes_twice`, `closes_thrice`), `ScopeTest.closes_*` |",
            "| 3 | promise | `MissingTest`, `ScopeTest.opens_once`, `ServerIT.missing_check` |",
            "",
            "Prose cites `ScopeTest.never_written` and `request_id` (not a test).");

    assertThat(names.missingIn(table, "doc.md"))
        .containsExactly(
            "doc.md:2: no method ScopeTest.closes_thrice",
            "doc.md:3: no test class MissingTest",
            "doc.md:3: no method ScopeTest.opens_once",
            "doc.md:3: no method ServerIT.missing_check",
            "doc.md:5: no method ScopeTest.never_written");
  }
}
