package dev.logctx.opentelemetry.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.testsupport.ClassPathNeeds;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The jar has no classes, only its services file: the equivalent of the other modules'
 * EveryClassLoadsTest. OpenTelemetry's lookup, in a class loader that holds only the jar and what
 * docs/opentelemetry.md says it needs (needs file: {@code
 * class-path-needs/logctx-opentelemetry-provider.properties}), finds exactly logctx's provider, a
 * subtype of that loader's {@code ContextStorageProvider}, and loads and links it; without
 * logctx-opentelemetry the lookup fails.
 */
@DisabledIfSystemProperty(named = "logctx.test.provider-jar", matches = "false")
class RegistrationLoadsTest {

  private static final String MODULE = "logctx-opentelemetry-provider";
  private static final String SPI = "io.opentelemetry.context.ContextStorageProvider";
  private static final String PROVIDER = "dev.logctx.opentelemetry.LogctxContextStorageProvider";

  private final ClassPathNeeds needs = ClassPathNeeds.of(MODULE);

  @Test
  void the_services_file_names_a_provider_that_loads_with_only_the_documented_class_path()
      throws Exception {
    try (URLClassLoader loader = loaderWithout(List.of())) {
      assertThat(registeredTypes(loader)).containsExactly(PROVIDER);
      Class<?> provider = Class.forName(PROVIDER, false, loader);
      provider.getDeclaredMethods();
      provider.getDeclaredConstructors();
      assertThat(Class.forName(SPI, false, loader).isAssignableFrom(provider)).isTrue();
    }
  }

  @Test
  void the_jar_holds_only_that_services_file_naming_logctxs_provider() throws IOException {
    try (URLClassLoader jarAlone =
            new URLClassLoader(
                new URL[] {url(ClassPathNeeds.locate(MODULE))},
                ClassLoader.getPlatformClassLoader());
        InputStream in = jarAlone.getResourceAsStream("META-INF/services/" + SPI)) {
      assertThat(in).as("services file of " + MODULE).isNotNull();
      List<String> names =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(line -> line.replaceFirst("#.*", "").strip())
              .filter(line -> !line.isEmpty())
              .toList();
      assertThat(names).containsExactly(PROVIDER);
    }
  }

  @Test
  void without_logctx_opentelemetry_the_lookup_fails() throws Exception {
    try (URLClassLoader loader = loaderWithout(List.of("logctx-opentelemetry"))) {
      assertThatThrownBy(() -> registeredTypes(loader))
          .isInstanceOf(ServiceConfigurationError.class)
          .hasMessageContaining(PROVIDER);
    }
  }

  @Test
  void the_docs_mirror_the_needs_file() {
    String section = needs.docsSection();
    assertThat(section).contains(MODULE);
    for (String artifact : needs.required()) {
      assertThat(section).as("the docs section of %s", MODULE).contains(artifact);
    }
  }

  /** The jar and its documented needs but {@code left}, over the JDK's platform classes. */
  private URLClassLoader loaderWithout(List<String> left) {
    List<URL> urls = new ArrayList<>();
    urls.add(url(ClassPathNeeds.locate(MODULE)));
    for (String artifact : needs.required()) {
      if (!left.contains(artifact)) {
        urls.add(url(ClassPathNeeds.locate(artifact)));
      }
    }
    return new URLClassLoader(
        "only-" + MODULE, urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  /** The provider types OpenTelemetry's lookup finds through {@code loader}, not instantiated. */
  private static List<String> registeredTypes(ClassLoader loader) throws ClassNotFoundException {
    return typesOf(Class.forName(SPI, false, loader), loader);
  }

  private static <S> List<String> typesOf(Class<S> spi, ClassLoader loader) {
    return ServiceLoader.load(spi, loader).stream().map(p -> p.type().getName()).toList();
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
