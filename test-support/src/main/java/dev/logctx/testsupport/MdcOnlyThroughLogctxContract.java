package dev.logctx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * No class of a published jar names SLF4J's MDC ({@code org.slf4j.MDC}, its nested classes, or
 * {@code org.slf4j.spi.MDCAdapter}) except the classes allowed to: logctx reads and writes the MDC
 * only through logctx-api's {@code MdcAccess} and its backends. Read from the compiled classes'
 * constant pools ({@link ClassFileReferences}), so a reference in any form — a call, a field, a
 * method signature, a lambda — counts, and a mention in a comment does not. A module's test
 * extends this with its artifactId.
 */
public abstract class MdcOnlyThroughLogctxContract {
  private static final Set<String> MDC_TYPES = Set.of("org/slf4j/MDC", "org/slf4j/spi/MDCAdapter");

  private final String module;
  private final List<String> allowed;

  /**
   * The contract for one jar.
   *
   * @param module the jar's artifactId
   * @param allowed internal names of the classes that may name the MDC (their nested classes too)
   */
  protected MdcOnlyThroughLogctxContract(String module, String... allowed) {
    this.module = Objects.requireNonNull(module, "module");
    this.allowed = List.of(allowed);
  }

  /** The check itself sees a reference to the MDC where there is one. */
  @Test
  public void the_check_finds_a_reference_to_the_mdc_where_there_is_one() {
    String self = NamesTheMdc.class.getName().replace('.', '/') + ".class";
    try (InputStream in = NamesTheMdc.class.getClassLoader().getResourceAsStream(self)) {
      assertThat(mdcTypesNamedBy(ClassFileReferences.of(Objects.requireNonNull(in, self))))
          .containsExactly("org/slf4j/MDC");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Only the allowed classes of the jar name the MDC. */
  @Test
  public void no_class_but_the_allowed_ones_names_the_slf4j_mdc() throws IOException {
    Map<String, Set<String>> classes = referencesOfEveryClass(ClassPathNeeds.locate(module));
    Map<String, Set<String>> naming = new TreeMap<>();
    classes.forEach(
        (name, references) -> {
          Set<String> mdc = mdcTypesNamedBy(references);
          if (!mdc.isEmpty() && !isAllowed(name)) {
            naming.put(name, mdc);
          }
        });

    assertThat(classes).as("classes of %s", module).isNotEmpty();
    assertThat(naming)
        .as("classes of %s that name the MDC instead of going through logctx-api", module)
        .isEmpty();
  }

  private boolean isAllowed(String className) {
    for (String name : allowed) {
      if (className.equals(name) || className.startsWith(name + "$")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> mdcTypesNamedBy(Set<String> references) {
    Set<String> mdc = new TreeSet<>();
    for (String reference : references) {
      if (MDC_TYPES.contains(reference) || reference.startsWith("org/slf4j/MDC$")) {
        mdc.add(reference);
      }
    }
    return mdc;
  }

  /** Class name (internal form, no {@code .class}) to the classes it names. */
  private static Map<String, Set<String>> referencesOfEveryClass(Path location)
      throws IOException {
    Map<String, Set<String>> classes = new TreeMap<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String relative = location.relativize(file).toString().replace('\\', '/');
          if (relative.endsWith(".class") && !relative.endsWith("module-info.class")) {
            try (InputStream in = Files.newInputStream(file)) {
              classes.put(withoutSuffix(relative), ClassFileReferences.of(in));
            }
          }
        }
      }
      return classes;
    }
    try (ZipFile jar = new ZipFile(location.toFile())) {
      for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
          try (InputStream in = jar.getInputStream(entry)) {
            classes.put(withoutSuffix(name), ClassFileReferences.of(in));
          }
        }
      }
    }
    return classes;
  }

  private static String withoutSuffix(String classFile) {
    return classFile.substring(0, classFile.length() - ".class".length());
  }

  /** Names the MDC, as a class that bypassed logctx would: the check must see it. */
  static final class NamesTheMdc {
    private NamesTheMdc() {}

    static void bypass() {
      MDC.remove("request_id");
    }
  }
}
