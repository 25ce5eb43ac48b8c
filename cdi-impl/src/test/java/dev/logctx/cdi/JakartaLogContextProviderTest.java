package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * {@link JakartaLogContextProvider} against the Jakarta Concurrency 3.1 SPI, called directly as an
 * application server would (no Jakarta Concurrency implementation runs here). The shared contract
 * tests and the {@code @AfterEach} that checks the test thread's MDC is empty are in {@link
 * ThreadContextProviderContract}.
 */
class JakartaLogContextProviderTest extends ThreadContextProviderContract<ThreadContextSnapshot> {
  private final JakartaLogContextProvider provider = new JakartaLogContextProvider();

  @Override
  ThreadContextSnapshot capture() {
    return provider.currentContext(Map.of());
  }

  @Override
  ThreadContextSnapshot cleared() {
    return provider.clearedContext(Map.of());
  }

  @Override
  Runnable begin(ThreadContextSnapshot snapshot) {
    ThreadContextRestorer restorer = snapshot.begin();
    return restorer::endContext;
  }

  @Override
  Object newProvider() throws Exception {
    return JakartaLogContextProvider.class.getConstructor().newInstance();
  }

  @Override
  String typeOf(Object provider) {
    return ((ThreadContextProvider) provider).getThreadContextType();
  }

  @Test
  void should_be_registered_for_the_service_loader() {
    assertThat(ServiceLoader.load(ThreadContextProvider.class))
        .anySatisfy(found -> assertThat(found).isInstanceOf(JakartaLogContextProvider.class));
  }

  // docs/cdi.md, "Jakarta Concurrency": a context service that carries the MDC.
  @ContextServiceDefinition(
      name = "java:app/concurrent/WithLogContext",
      propagated = "LogContext",
      cleared = ContextServiceDefinition.TRANSACTION,
      unchanged = ContextServiceDefinition.ALL_REMAINING)
  static final class ContextServiceDefinitionExample {}

  @Test
  void should_be_named_as_a_context_service_definition_names_it() {
    ContextServiceDefinition definition =
        ContextServiceDefinitionExample.class.getAnnotation(ContextServiceDefinition.class);

    assertThat(definition.propagated()).containsExactly(provider.getThreadContextType());
  }
}
