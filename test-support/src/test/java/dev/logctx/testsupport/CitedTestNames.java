package dev.logctx.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The test classes and test methods of the repository, read from the sources, and the names that
 * a document cites of them. A document cites a test as {@code `ClassName`} or {@code
 * `ClassName.method_name`} (the class a test class: its name ends in {@code Test}, {@code IT},
 * {@code Contract} or {@code Tests}); in a row of a table, a bare {@code `method_name`} (snake case)
 * belongs to the class cited last before it in the same cell. A method name that ends in {@code *}
 * or {@code …} stands for every method that starts with what comes before.
 */
final class CitedTestNames {
  private static final Pattern TYPE =
      Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z][A-Za-z0-9_]*)([^{]*)\\{");
  private static final Pattern SUPERTYPE = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)\\b");
  private static final Pattern METHOD = Pattern.compile("\\b([a-z][A-Za-z0-9_]*)\\s*\\(");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`\\s]+)`");
  private static final Pattern TEST_CLASS =
      Pattern.compile("[A-Z][A-Za-z0-9]*(?:Test|IT|Contract|Tests)");
  private static final Pattern CITED_CLASS_OR_METHOD =
      Pattern.compile("(" + TEST_CLASS.pattern() + ")(?:\\.([a-z][A-Za-z0-9_]*[*…]?))?");
  private static final Pattern BARE_METHOD = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)+[*…]?");

  /** Declared type → names declared in its file; type → the types its declaration names. */
  private final Map<String, Set<String>> methodsOfType = new HashMap<>();

  private final Map<String, Set<String>> supertypes = new HashMap<>();

  private CitedTestNames() {}

  /**
   * Reads every Java source under the test source folders of the modules of {@code root}: {@code
   * <module>/src/test/java}, {@code <module>/src/test-jdk25/java} (tests of a preview API, compiled
   * on JDK 25 only), {@code <module>/src/it} and test-support's {@code src/main/java}.
   */
  static CitedTestNames ofRepository(Path root) {
    CitedTestNames names = new CitedTestNames();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        for (Path folder :
            List.of(
                module.resolve("src/test/java"),
                module.resolve("src/test-jdk25/java"),
                module.resolve("src/it"),
                module.resolve("src/main/java/dev/logctx/testsupport"))) {
          if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
              for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                names.addSource(Files.readString(file, StandardCharsets.UTF_8));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** Names from one source text (also used to give the check a repository of its own). */
  static CitedTestNames of(String... sources) {
    CitedTestNames names = new CitedTestNames();
    for (String source : sources) {
      names.addSource(source);
    }
    return names;
  }

  private void addSource(String source) {
    Set<String> methods = new HashSet<>();
    Matcher method = METHOD.matcher(source);
    while (method.find()) {
      methods.add(method.group(1));
    }
    Matcher type = TYPE.matcher(source);
    while (type.find()) {
      methodsOfType.computeIfAbsent(type.group(1), name -> new HashSet<>()).addAll(methods);
      Set<String> supers = supertypes.computeIfAbsent(type.group(1), name -> new HashSet<>());
      Matcher named = SUPERTYPE.matcher(type.group(2));
      while (named.find()) {
        supers.add(named.group(1));
      }
    }
  }

  /**
   * The names {@code markdown} cites that no test source declares, each with the line it is on.
   *
   * @param markdown the document
   * @param document its name, for the messages
   * @return one message per missing name, empty when every name exists
   */
  List<String> missingIn(String markdown, String document) {
    Set<String> missing = new LinkedHashSet<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean tableRow = line.startsWith("|");
      String[] cells = tableRow ? line.split("\\|") : new String[] {line};
      for (String cell : cells) {
        @Nullable String lastClass = null;
        Matcher token = BACKTICKED.matcher(cell);
        while (token.find()) {
          String text = token.group(1);
          Matcher cited = CITED_CLASS_OR_METHOD.matcher(text);
          if (cited.matches()) {
            lastClass = cited.group(1);
            check(cited.group(1), cited.group(2), document, i + 1, missing);
          } else if (tableRow && lastClass != null && BARE_METHOD.matcher(text).matches()) {
            check(lastClass, text, document, i + 1, missing);
          }
        }
      }
    }
    return new ArrayList<>(missing);
  }

  /**
   * Whether {@code name} is a test class of the repository.
   *
   * @param name a simple class name
   * @return true when a test source declares it and its name is a test class's
   */
  boolean isTestClass(String name) {
    return TEST_CLASS.matcher(name).matches() && methodsOfType.containsKey(name);
  }

  private void check(
      String type, @Nullable String method, String document, int line, Set<String> missing) {
    if (!methodsOfType.containsKey(type)) {
      missing.add(document + ":" + line + ": no test class " + type);
    } else if (method != null && !declares(type, method, new HashSet<>())) {
      missing.add(document + ":" + line + ": no method " + type + "." + method);
    }
  }

  private boolean declares(String type, String method, Set<String> seen) {
    if (!seen.add(type)) {
      return false;
    }
    Set<String> methods = methodsOfType.get(type);
    if (methods == null) {
      return false;
    }
    boolean prefix = method.endsWith("*") || method.endsWith("…");
    String name = prefix ? method.substring(0, method.length() - 1) : method;
    if (prefix ? methods.stream().anyMatch(m -> m.startsWith(name)) : methods.contains(name)) {
      return true;
    }
    for (String supertype : supertypes.getOrDefault(type, Set.of())) {
      if (declares(supertype, method, seen)) {
        return true;
      }
    }
    return false;
  }
}
