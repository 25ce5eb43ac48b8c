package dev.logctx.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What the classes of one logctx jar need on the class path to load, as its needs file says: the
 * one place that the docs mirror. The file is {@code class-path-needs/<artifactId>.properties} on
 * the module's test class path:
 *
 * <pre>
 * requires = logctx-api, slf4j-api            # every class may need these: the jar's dependencies
 * optional.dev.logctx.cdi.LogContextProvider = microprofile-context-propagation-api
 * docs = docs/cdi.md                          # from the repository root
 * section = What logctx-cdi needs on the class path
 * </pre>
 *
 * <p>An optional entry names a class (its nested classes go with it) and the artifacts it needs
 * besides the required ones. Artifacts are found on the test class path by name: a jar {@code
 * <artifactId>-<version>.jar}, or a reactor module's {@code target/classes} whose {@code pom.xml}
 * declares that artifactId.
 */
public final class ClassPathNeeds {
  private static final String OPTIONAL = "optional.";
  private static final Pattern PROJECT_ARTIFACT_ID =
      Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);

  private final String module;
  private final List<String> required;
  private final Map<String, List<String>> optional;
  private final String docs;
  private final String section;

  private ClassPathNeeds(
      String module,
      List<String> required,
      Map<String, List<String>> optional,
      String docs,
      String section) {
    this.module = module;
    this.required = required;
    this.optional = optional;
    this.docs = docs;
    this.section = section;
  }

  /**
   * Reads the needs file of {@code module}.
   *
   * @param module the artifactId of the jar under test
   * @return what its classes need
   */
  public static ClassPathNeeds of(String module) {
    Objects.requireNonNull(module, "module");
    String resource = "class-path-needs/" + module + ".properties";
    Properties properties = new Properties();
    try (InputStream in = ClassPathNeeds.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no " + resource + " on the test class path");
      }
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<String>> optional = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(OPTIONAL)) {
        optional.put(key.substring(OPTIONAL.length()), list(properties.getProperty(key)));
      }
    }
    return new ClassPathNeeds(
        module,
        list(properties.getProperty("requires", "")),
        Collections.unmodifiableMap(optional),
        required(properties, "docs", resource),
        required(properties, "section", resource));
  }

  /** The artifactId of the jar under test. */
  public String module() {
    return module;
  }

  /** The artifacts every class may need. */
  public List<String> required() {
    return required;
  }

  /** The optional classes and, for each, the artifacts it needs besides the required ones. */
  public Map<String, List<String>> optional() {
    return optional;
  }

  /** The text of the docs section that mirrors the needs file. */
  public String docsSection() {
    Path file = repositoryRoot().resolve(docs);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String heading = "## " + section + "\n";
    int start = text.indexOf(heading);
    if (start < 0) {
      throw new IllegalStateException("no section '" + heading.strip() + "' in " + file);
    }
    int end = text.indexOf("\n## ", start + heading.length());
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** The optional class that {@code className} belongs to (itself or its outer class), if any. */
  public @Nullable String optionalGroupOf(String className) {
    for (String group : optional.keySet()) {
      if (className.equals(group) || className.startsWith(group + "$")) {
        return group;
      }
    }
    return null;
  }

  /** The names of every class of the jar under test (module-info left out). */
  public List<String> classesOfTheModule() {
    Path location = locate(module);
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files
            .filter(file -> file.toString().endsWith(".class"))
            .map(file -> className(location.relativize(file).toString().replace('\\', '/')))
            .forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream()
            .map(JarEntry::getName)
            .filter(name -> name.endsWith(".class"))
            .map(ClassPathNeeds::className)
            .forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    names.remove("module-info");
    Collections.sort(names);
    return names;
  }

  /**
   * Loads every class of the jar under test in a class loader of its own that holds only the jar,
   * the required artifacts and {@code added} (over the JDK's platform classes), and resolves each
   * class's methods, fields and constructors, which links it, as a scanner that loads every class
   * does.
   *
   * @param added artifacts to add to the required ones
   * @param left out required artifacts to leave out
   * @return the classes that failed, with what they threw
   */
  public Map<String, Throwable> loadEveryClass(Collection<String> added, Collection<String> left) {
    List<URL> urls = new ArrayList<>();
    urls.add(url(locate(module)));
    for (String artifact : required) {
      if (!left.contains(artifact)) {
        urls.add(url(locate(artifact)));
      }
    }
    for (String artifact : added) {
      if (!left.contains(artifact)) {
        urls.add(url(locate(artifact)));
      }
    }
    Map<String, Throwable> failures = new TreeMap<>();
    try (URLClassLoader loader =
        new URLClassLoader(
            "only-" + module, urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      for (String name : classesOfTheModule()) {
        try {
          Class<?> type = Class.forName(name, false, loader);
          type.getDeclaredMethods();
          type.getDeclaredFields();
          type.getDeclaredConstructors();
        } catch (ClassNotFoundException | LinkageError | TypeNotPresentException e) {
          failures.put(name, e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return failures;
  }

  /**
   * Where {@code artifactId} is on the test class path.
   *
   * @param artifactId a jar's or a reactor module's artifactId
   * @return the jar, or the module's classes directory
   */
  public static Path locate(String artifactId) {
    Pattern jar = Pattern.compile(Pattern.quote(artifactId) + "-\\d[^/\\\\]*\\.jar");
    for (String entry : testClassPath()) {
      Path path = Path.of(entry);
      Path name = path.getFileName();
      if (name == null) {
        continue;
      }
      if (jar.matcher(name.toString()).matches()) {
        return path;
      }
      if (Files.isDirectory(path) && artifactId.equals(moduleArtifactId(path))) {
        return path;
      }
    }
    throw new IllegalStateException(artifactId + " is not on the test class path");
  }

  private static List<String> testClassPath() {
    String classPath = System.getProperty("java.class.path", "");
    return Arrays.asList(classPath.split(Pattern.quote(java.io.File.pathSeparator)));
  }

  /** The artifactId of the reactor module whose {@code target/classes} is {@code classes}. */
  private static @Nullable String moduleArtifactId(Path classes) {
    Path target = classes.getParent();
    if (!classes.endsWith("classes") || target == null || !target.endsWith("target")) {
      return null;
    }
    Path pom = Objects.requireNonNull(target.getParent()).resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return null;
    }
    try {
      Matcher found = PROJECT_ARTIFACT_ID.matcher(Files.readString(pom));
      return found.find() ? found.group(1).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root (with mvnw) above the working directory");
    }
    return dir;
  }

  private static String className(String classFile) {
    return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return Collections.unmodifiableList(items);
  }

  private static String required(Properties properties, String key, String resource) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(resource + " has no " + key);
    }
    return value.strip();
  }

  @Override
  public String toString() {
    return "ClassPathNeeds{" + module + ", requires " + required + ", optional " + optional + "}";
  }
}
