package dev.logctx.demo.jakartaee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the JDK that runs a server, the way {@code .ci/run} finds a JDK 25: {@code JAVA25_HOME}
 * if set, else the running JDK if it is one, else a JDK installed beside the running one.
 */
final class Jdks {
  private Jdks() {}

  /** The {@code java} launcher of the running JVM. */
  static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The {@code java} launcher of a JDK 25.
   *
   * @throws IllegalStateException naming where it looked, if there is none
   */
  static String java25() {
    String env = System.getenv("JAVA25_HOME");
    if (env != null && !env.isBlank()) {
      Path home = Path.of(env);
      if (featureVersion(home).filter(v -> v == 25).isPresent()) {
        return launcher(home);
      }
      throw new IllegalStateException("JAVA25_HOME=" + env + " is not a JDK 25");
    }
    Path current = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() == 25) {
      return launcher(current);
    }
    Path jvmDir =
        current.endsWith(Path.of("Contents", "Home"))
            ? current.getParent().getParent().getParent()
            : current.getParent();
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> homes = Files.list(jvmDir)) {
      homes.forEach(
          home -> {
            candidates.add(home);
            candidates.add(home.resolve("Contents").resolve("Home"));
          });
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + jvmDir + " to find a JDK 25", e);
    }
    for (Path home : candidates.stream().sorted().toList()) {
      if (featureVersion(home).filter(v -> v == 25).isPresent()) {
        return launcher(home);
      }
    }
    throw new IllegalStateException(
        "No JDK 25 found (JAVA25_HOME unset, none in "
            + jvmDir
            + " beside the running JDK): Payara Micro 7 needs one. Install one there or set"
            + " JAVA25_HOME.");
  }

  /**
   * Whether the Payara Micro 7 tests run: a JDK 25 is found, or this is a CI run ({@code CI=true},
   * as {@code .ci/run} sets it), where a missing one must fail the tests rather than skip them.
   * On a machine with only a JDK 17, {@code ./mvnw -B verify} reports them skipped.
   */
  static boolean java25FoundOrCi() {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return true;
    }
    try {
      java25();
      return true;
    } catch (IllegalStateException e) {
      System.out.println("[payara7] skipped: " + e.getMessage());
      return false;
    }
  }

  private static String launcher(Path home) {
    return home.resolve("bin").resolve("java").toString();
  }

  /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.1"}). */
  private static Optional<Integer> featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(release)) {
      return lines
          .filter(line -> line.startsWith("JAVA_VERSION="))
          .findFirst()
          .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
          .map(version -> version.split("[.+-]")[0])
          .filter(feature -> feature.chars().allMatch(Character::isDigit) && !feature.isEmpty())
          .map(Integer::valueOf);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
